import Testing
@testable import TerminalUI

@Suite("Text width")
struct TextWidthTests {
    @Test("ASCII, CJK, emoji, flags, combining, ZWJ sequences")
    func widths() {
        #expect(TextWidth.cells("abc") == 3)
        #expect(TextWidth.cells("中文") == 4)
        #expect(TextWidth.cells(Character("😀")) == 2)
        #expect(TextWidth.cells(Character("🇩🇪")) == 2)
        #expect(TextWidth.cells(Character("e\u{301}")) == 1)
        #expect(TextWidth.cells(Character("👨‍👩‍👧")) == 2)
        #expect(TextWidth.cells(Character("❤️")) == 2)
        #expect(TextWidth.cells(Character("👍🏽")) == 2)
        #expect(TextWidth.cells(Character("ｱ")) == 1)   // half-width katakana
        #expect(TextWidth.cells(Character("Ａ")) == 2)  // full-width Latin
        #expect(TextWidth.cells("한국어") == 6)
    }

    @Test("hostile characters are measured as their escapes")
    func escapedWidths() {
        #expect(TextWidth.cells("\u{1b}") == 2)          // ^[
        #expect(TextWidth.cells("\u{202E}") == 8)        // <U+202E>
    }
}

@Suite("GridCanvas wide characters")
struct GridCanvasWideTests {
    @Test("CJK takes two cells and the next text lands after it")
    func cjkCells() {
        let canvas = GridCanvas(size: Size(cols: 10, rows: 1))
        let used = canvas.draw("中a", row: 0, col: 1, role: .field)
        #expect(used == 3)
        #expect(canvas.lines() == [" 中a"])
        #expect(canvas.cell(row: 0, col: 1).character == "中")
        #expect(canvas.cell(row: 0, col: 2).isContinuation)
        #expect(canvas.cell(row: 0, col: 3).character == "a")
        #expect(canvas.role(row: 0, col: 2) == .field)
    }

    @Test("a wide character that does not fit is never halved: the clip marker takes its place")
    func clipWide() {
        let canvas = GridCanvas(size: Size(cols: 10, rows: 2))
        let used = canvas.draw("ab中", row: 0, col: 0, role: .text, width: 3)
        #expect(used == 3)
        #expect(canvas.lines()[0] == "ab…")
        #expect(!canvas.cell(row: 0, col: 3).isContinuation)
        // At the right edge of the canvas.
        canvas.draw("x😀", row: 1, col: 8, role: .text)
        #expect(canvas.lines()[1] == "        x…")
        #expect(!canvas.cell(row: 1, col: 9).isContinuation)
    }

    @Test("flags, ZWJ families and combining marks each occupy one cluster")
    func clusters() {
        let canvas = GridCanvas(size: Size(cols: 20, rows: 1))
        let used = canvas.draw("🇩🇪👨‍👩‍👧e\u{301}|", row: 0, col: 0, role: .text)
        #expect(used == 6)
        #expect(canvas.cell(row: 0, col: 0).character == "🇩🇪")
        #expect(canvas.cell(row: 0, col: 2).character == "👨‍👩‍👧")
        #expect(canvas.cell(row: 0, col: 4).character == "e\u{301}")
        #expect(canvas.cell(row: 0, col: 5).character == "|")
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        let canvas = GridCanvas(size: Size(cols: 6, rows: 1))
        canvas.draw("中中", row: 0, col: 0, role: .text)
        canvas.draw("x", row: 0, col: 1, role: .text)
        #expect(canvas.lines() == [" x中"])
        canvas.draw("y", row: 0, col: 2, role: .text)
        #expect(canvas.lines() == [" xy"])
        #expect(!canvas.cell(row: 0, col: 3).isContinuation)
    }

    @Test("negative columns clip on the left without half characters")
    func leftClip() {
        let canvas = GridCanvas(size: Size(cols: 6, rows: 1))
        canvas.draw("中ab", row: 0, col: -1, role: .text)
        #expect(canvas.lines() == [" ab"])
    }

    @Test("fill and clear")
    func fillAndClear() {
        let canvas = GridCanvas(size: Size(cols: 5, rows: 2))
        canvas.fill(row: 1, col: 1, width: 10, role: .statusBar)
        #expect(canvas.role(row: 1, col: 4) == .statusBar)
        #expect(canvas.role(row: 1, col: 0) == .text)
        canvas.cursor = (1, 1)
        canvas.clear()
        #expect(canvas.role(row: 1, col: 4) == .text)
        #expect(canvas.cursor == nil)
    }
}
