import Testing
@testable import TerminalUI

/// Curses key codes as documented in curses.h (octal), so the table is checked independently.
private enum Code {
    static let down: Int32 = 0o402, up: Int32 = 0o403, left: Int32 = 0o404, right: Int32 = 0o405
    static let home: Int32 = 0o406, backspace: Int32 = 0o407, f0: Int32 = 0o410
    static let dc: Int32 = 0o512, ic: Int32 = 0o513, npage: Int32 = 0o522, ppage: Int32 = 0o523
    static let enter: Int32 = 0o527, btab: Int32 = 0o541, end: Int32 = 0o550
}

@Suite("Key decoding")
struct KeyDecoderTests {
    /// Feeds raw reads the way the driver does: after each read, while the decoder wants
    /// lookahead and no more input is scripted, feed `.nothing`.
    func decode(_ inputs: [RawInput]) -> [Key] {
        var decoder = KeyDecoder()
        var keys: [Key] = []
        for input in inputs { keys += decoder.feed(input) }
        while decoder.needsLookahead { keys += decoder.feed(.nothing) }
        return keys
    }

    func chars(_ text: String) -> [RawInput] { text.unicodeScalars.map { .character($0.value) } }

    @Test("curses key codes")
    func codes() {
        let pairs: [(Int32, Key)] = [(Code.up, .up), (Code.down, .down), (Code.left, .left), (Code.right, .right),
                                     (Code.home, .home), (Code.end, .end), (Code.ppage, .pageUp),
                                     (Code.npage, .pageDown), (Code.dc, .delete), (Code.ic, .insert),
                                     (Code.backspace, .backspace), (Code.enter, .enter), (Code.btab, .backTab),
                                     (Code.f0 + 1, .function(1)), (Code.f0 + 12, .function(12))]
        for (code, key) in pairs {
            #expect(decode([.keyCode(code)]) == [key], "code \(code)")
        }
        #expect(decode([.keyCode(9999, name: "kLFT5")]) == [.alt("b")])
        #expect(decode([.keyCode(9998, name: "kRIT3")]) == [.alt("f")])
        #expect(decode([.keyCode(9997, name: "kDN2")]) == [.down])
        #expect(decode([.keyCode(9996, name: "kxyz")]) == [])
    }

    @Test("control characters")
    func controls() {
        #expect(decode([.character(9)]) == [.tab])
        #expect(decode([.character(13)]) == [.enter])
        #expect(decode([.character(10)]) == [.enter])
        #expect(decode([.character(8)]) == [.backspace])
        #expect(decode([.character(127)]) == [.backspace])
        #expect(decode([.character(19)]) == [.control("s")])
        #expect(decode([.character(17)]) == [.control("q")])
        #expect(decode([.character(3)]) == [.control("c")])
        #expect(decode([.character(26)]) == [.control("z")])
        #expect(decode([.character(1)]) == [.control("a")])
        #expect(decode([.character(0x9B)]) == [])
    }

    @Test("printable characters, wide and combining, become one grapheme each")
    func printable() {
        #expect(decode(chars("aé中")) == [.character("a"), .character("é"), .character("中")])
        #expect(decode(chars("e\u{301}x")) == [.character("e\u{301}"), .character("x")])
        #expect(decode(chars("🇩🇪🇫🇷")) == [.character("🇩🇪"), .character("🇫🇷")])
        #expect(decode(chars("👨‍👩‍👧")) == [.character("👨‍👩‍👧")])
        #expect(decode(chars("ab") + [.keyCode(Code.left)]) == [.character("a"), .character("b"), .left])
    }

    @Test("ESC alone is Escape; ESC with a character waiting is Alt")
    func escapeAndAlt() {
        #expect(decode([.character(27)]) == [.escape])
        #expect(decode([.character(27), .nothing]) == [.escape])
        #expect(decode(chars("\u{1b}b")) == [.alt("b")])
        #expect(decode(chars("\u{1b}f")) == [.alt("f")])
        #expect(decode(chars("\u{1b}\u{1b}")) == [.escape, .escape])
        #expect(decode([.character(27), .keyCode(Code.up)]) == [.escape, .up])
        var decoder = KeyDecoder()
        #expect(decoder.feed(.character(27)) == [])
        #expect(decoder.needsLookahead)
        #expect(decoder.feed(.nothing) == [.escape])
        #expect(!decoder.needsLookahead)
    }

    @Test("xterm sequences that terminfo did not decode (vt100, linux)")
    func rawSequences() {
        #expect(decode(chars("\u{1b}[A\u{1b}[B\u{1b}[C\u{1b}[D")) == [.up, .down, .right, .left])
        #expect(decode(chars("\u{1b}OA\u{1b}OH\u{1b}OF\u{1b}OP")) == [.up, .home, .end, .function(1)])
        #expect(decode(chars("\u{1b}[H\u{1b}[F\u{1b}[1~\u{1b}[4~")) == [.home, .end, .home, .end])
        #expect(decode(chars("\u{1b}[3~\u{1b}[2~\u{1b}[5~\u{1b}[6~")) == [.delete, .insert, .pageUp, .pageDown])
        #expect(decode(chars("\u{1b}[15~\u{1b}[24~\u{1b}[Z")) == [.function(5), .function(12), .backTab])
        #expect(decode(chars("\u{1b}[1;5D\u{1b}[1;5C\u{1b}[1;2A")) == [.alt("b"), .alt("f"), .up])
        #expect(decode(chars("\u{1b}[99;9q") + chars("x")) == [.character("x")])  // unknown: dropped, not typed
        #expect(decode(chars("\u{1b}[")) == [.alt("[")])
    }

    @Test("bracketed paste via define_key codes is one key, never split")
    func pasteCodes() {
        let inputs: [RawInput] = [.keyCode(KeyCodeTable.pasteBegin)] + chars("line1\rline2\t\u{1b}[Ax")
            + [.keyCode(Code.enter), .keyCode(Code.up), .keyCode(KeyCodeTable.pasteEnd)] + chars("z")
        #expect(decode(inputs) == [.paste("line1\rline2\t\u{1b}[Ax\n"), .character("z")])
    }

    @Test("bracketed paste from raw ESC[200~ ... ESC[201~ characters")
    func pasteRaw() {
        #expect(decode(chars("\u{1b}[200~héllo 中\u{1b}[201~q")) == [.paste("héllo 中"), .character("q")])
        #expect(decode(chars("\u{1b}[200~\u{1b}[201~")) == [.paste("")])
    }

    @Test("paste state: nothing waiting does not end a paste; finishPaste flushes")
    func pasteTimeout() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(.keyCode(KeyCodeTable.pasteBegin)) == [])
        #expect(decoder.isCollectingPaste)
        #expect(decoder.feed(.character(0x61)) == [])
        #expect(decoder.feed(.nothing) == [])
        #expect(decoder.finishPaste() == .paste("a"))
        #expect(!decoder.isCollectingPaste)
        #expect(decoder.finishPaste() == nil)
    }

    @Test("display names used by footers and help")
    func displayNames() {
        #expect(Key.control("s").displayName == "^S")
        #expect(Key.function(2).displayName == "F2")
        #expect(Key.backTab.displayName == "S-Tab")
        #expect(Key.alt("b").displayName == "M-b")
        #expect(Key.character(" ").displayName == "Space")
    }
}
