import Testing
@testable import TerminalUI

/// A text cut at the edge of its cell says so: an operator must never take a clipped value
/// for the whole one.
@Suite struct ClipMarkerTests {
    @Test("text that does not fit ends in a marker; text that fits exactly does not")
    func marker() {
        let canvas = GridCanvas(size: Size(cols: 12, rows: 3))
        #expect(canvas.draw("ops@example.com", row: 0, col: 0, role: .text, width: 8) == 8)
        #expect(canvas.lines()[0] == "ops@exa…")
        canvas.draw("exactly8", row: 1, col: 0, role: .text, width: 8)
        #expect(canvas.lines()[1] == "exactly8")
        canvas.draw("to the right edge", row: 2, col: 2, role: .text)
        #expect(canvas.lines()[2] == "  to the ri…")
    }

    @Test("a wide character that would be cut leaves a space before the marker")
    func wide() {
        let canvas = GridCanvas(size: Size(cols: 10, rows: 1))
        canvas.draw("中文字", row: 0, col: 0, role: .text, width: 4)
        #expect(canvas.lines()[0] == "中 …")
        #expect(!canvas.cell(row: 0, col: 3).isContinuation)
    }

    @Test("an ASCII-only canvas marks with >")
    func ascii() {
        let canvas = GridCanvas(size: Size(cols: 10, rows: 1), asciiOnly: true)
        canvas.draw("abcdefghijk", row: 0, col: 0, role: .text, width: 5)
        #expect(canvas.lines()[0] == "abcd>")
    }

    @Test("wrapping breaks at spaces, inside a word only when it must, and keeps every character")
    func wrapping() {
        #expect(TextWrap.rows("the quick brown fox", cells: 10) == ["the quick ", "brown fox"])
        #expect(TextWrap.rows("abcdefghijkl", cells: 5) == ["abcde", "fghij", "kl"])
        #expect(TextWrap.rows("", cells: 5) == [""])
        let text = "Königsallee 92a, Hinterhaus, 3. OG links, 中文地址 with a long tail"
        for width in 3...20 {
            let rows = TextWrap.rows(text, cells: width)
            #expect(rows.joined() == text, "\(width)")
            #expect(rows.allSatisfy { TextWidth.cells($0) <= width }, "\(width)")
        }
    }

    @Test("drawWrapped marks what still does not fit on its last row")
    func wrappedWithLimit() {
        let canvas = GridCanvas(size: Size(cols: 10, rows: 3))
        let used = canvas.drawWrapped("one two three four five six", row: 0, col: 0, width: 10, maxRows: 2, role: .text)
        #expect(used == 2)
        #expect(canvas.lines()[0] == "one two")
        #expect(canvas.lines()[1].hasSuffix("…"))
    }
}
