import Testing
@testable import TerminalUI

@Suite("Hostile text never reaches the grid raw")
struct SafeTextTests {
    /// Code points that must never be stored in a grid cell.
    static func hasRawHostile(_ canvas: GridCanvas) -> Bool {
        for row in 0..<canvas.size.rows {
            for col in 0..<canvas.size.cols {
                for scalar in canvas.cell(row: row, col: col).character.unicodeScalars {
                    let v = scalar.value
                    if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
                    if [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                        0x200B, 0x200E, 0x200F, 0xFEFF, 0x2028, 0x2029].contains(v) { return true }
                }
            }
        }
        return false
    }

    @Test("escape sequences are shown in caret notation",
          arguments: ["\u{1b}[2J", "\u{1b}]0;pwned\u{07}", "a\u{00}b", "x\u{7f}", "\r\nline"])
    func controls(hostile: String) {
        let canvas = GridCanvas(size: Size(cols: 40, rows: 1))
        canvas.draw(hostile, row: 0, col: 0, role: .text)
        #expect(!Self.hasRawHostile(canvas))
        #expect(canvas.contains("^"))
    }

    @Test("exact escapes")
    func exactEscapes() {
        #expect(SafeText.visible("\u{1b}[2J") == "^[[2J")
        #expect(SafeText.visible("a\u{0}") == "a^@")
        #expect(SafeText.visible("\u{7f}") == "^?")
        #expect(SafeText.visible("\u{9B}31m") == "<U+009B>31m")
        #expect(SafeText.visible("moc.live\u{202E}gro") == "moc.live<U+202E>gro")
        #expect(SafeText.visible("ad\u{200B}min") == "ad<U+200B>min")
        #expect(SafeText.visible("\u{FEFF}x") == "<U+FEFF>x")
        #expect(SafeText.visible("a\u{2066}b\u{2069}") == "a<U+2066>b<U+2069>")
        #expect(SafeText.visible("line\u{2028}break") == "line<U+2028>break")
        #expect(SafeText.visible("e\u{200D}") == "e<U+200D>")   // a ZWJ after a Latin letter is hostile
    }

    @Test("legitimate text is unchanged")
    func legitimate() {
        for good in ["Müller GmbH", "中文名", "👨‍👩‍👧 family", "🇩🇪", "e\u{301}", "می\u{200C}خواهم", "क्षि", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️"] {
            #expect(SafeText.visible(good) == good, "\(good.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("a lone combining mark gets its own visible base; zalgo is capped")
    func marks() {
        #expect(SafeText.visible("\u{301}") == "\u{25CC}\u{301}")
        let zalgo = "a" + String(repeating: "\u{301}", count: 50)
        let shown = SafeText.visible(zalgo)
        #expect(shown.unicodeScalars.count == 1 + SafeText.maxMarksPerCharacter)
        let canvas = GridCanvas(size: Size(cols: 5, rows: 1))
        #expect(canvas.draw("\u{301}x", row: 0, col: 0, role: .text) == 2)
    }

    @Test("C1 CSI, bidi override and zero-width space are escaped in the grid")
    func unicodeHostile() {
        let canvas = GridCanvas(size: Size(cols: 60, rows: 1))
        canvas.draw("\u{9B}2J \u{202E}evil \u{200B}x", row: 0, col: 0, role: .error)
        #expect(!Self.hasRawHostile(canvas))
        #expect(canvas.lines()[0] == "<U+009B>2J <U+202E>evil <U+200B>x")
        #expect(canvas.role(row: 0, col: 0) == .error)
    }

    @Test("a very long hostile string is clipped and stays safe")
    func longString() {
        let canvas = GridCanvas(size: Size(cols: 30, rows: 2))
        let huge = String(repeating: "\u{1b}[2J\u{202E}中", count: 20_000)
        let used = canvas.draw(huge, row: 1, col: 3, role: .text, width: 20)
        #expect(used <= 20)
        #expect(canvas.lines()[0] == "")
        #expect(!Self.hasRawHostile(canvas))
        #expect(canvas.lines()[1].hasPrefix("   ^[[2J<U+202E>中"))
    }

    @Test("drawing never writes outside the canvas")
    func bounds() {
        let canvas = GridCanvas(size: Size(cols: 4, rows: 2))
        #expect(canvas.draw("abcdef", row: 5, col: 0, role: .text) == 0)
        #expect(canvas.draw("abcdef", row: -1, col: 0, role: .text) == 0)
        #expect(canvas.draw("abcdef", row: 0, col: 2, role: .text) == 2)
        #expect(canvas.lines() == ["  a…", ""])  // the last cell says the text goes on
    }
}
