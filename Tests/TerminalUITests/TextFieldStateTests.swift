import Testing
@testable import TerminalUI

@Suite("TextFieldState editing")
struct TextFieldStateTests {
    func field(_ text: String, cursor: Int? = nil, width: Int = 40) -> TextFieldState {
        var state = TextFieldState(text: text, displayWidth: width)
        if let cursor {
            _ = state.handle(.home)
            for _ in 0..<cursor { _ = state.handle(.right) }
        }
        return state
    }

    /// Applies a key that the field must consume.
    func press(_ state: inout TextFieldState, _ key: Key, sourceLocation: SourceLocation = #_sourceLocation) {
        let consumed = state.handle(key)
        #expect(consumed, "\(key) was not consumed", sourceLocation: sourceLocation)
    }

    func type(_ text: String, into state: inout TextFieldState) {
        for character in text { _ = state.handle(.character(character)) }
    }

    @Test("typing inserts at the cursor")
    func typing() {
        var state = field("ac", cursor: 1)
        press(&state, .character("b"))
        #expect(state.text == "abc")
        #expect(state.cursor == 2)
    }

    @Test("cursor movement: Left, Right, Home, End, Ctrl-A, Ctrl-E")
    func movement() {
        var state = field("hello")
        #expect(state.cursor == 5)
        press(&state, .left); #expect(state.cursor == 4)
        press(&state, .home); #expect(state.cursor == 0)
        press(&state, .left); #expect(state.cursor == 0)
        press(&state, .right); #expect(state.cursor == 1)
        press(&state, .end); #expect(state.cursor == 5)
        press(&state, .right); #expect(state.cursor == 5)
        press(&state, .control("a")); #expect(state.cursor == 0)
        press(&state, .control("e")); #expect(state.cursor == 5)
    }

    @Test("Backspace and Delete work on whole graphemes")
    func deleting() {
        var state = field("a中🇩🇪e\u{301}")
        press(&state, .backspace); #expect(state.text == "a中🇩🇪")
        press(&state, .backspace); #expect(state.text == "a中")
        _ = state.handle(.home)
        press(&state, .delete); #expect(state.text == "中")
        press(&state, .delete); #expect(state.text == "")
        press(&state, .delete); press(&state, .backspace)
    }

    @Test("Ctrl-K kills to the end, Ctrl-U to the start")
    func kills() {
        var state = field("hello world", cursor: 5)
        press(&state, .control("k"))
        #expect(state.text == "hello"); #expect(state.cursor == 5)
        state = field("hello world", cursor: 6)
        press(&state, .control("u"))
        #expect(state.text == "world"); #expect(state.cursor == 0)
    }

    @Test("Ctrl-W deletes the word before the cursor, shell style")
    func ctrlW() {
        var state = field("ops team  ops@example.com")
        press(&state, .control("w"))
        #expect(state.text == "ops team  ")
        press(&state, .control("w"))
        #expect(state.text == "ops ")
        state = field("one two", cursor: 5)
        press(&state, .control("w"))
        #expect(state.text == "one wo"); #expect(state.cursor == 4)
    }

    @Test("Alt-B and Alt-F move by words")
    func words() {
        var state = field("Acme, Inc. Ltd")
        press(&state, .alt("b")); #expect(state.cursor == 11)
        press(&state, .alt("b")); #expect(state.cursor == 6)
        press(&state, .alt("b")); #expect(state.cursor == 0)
        press(&state, .alt("f")); #expect(state.cursor == 4)
        press(&state, .alt("f")); #expect(state.cursor == 9)
        press(&state, .alt("f")); #expect(state.cursor == 14)
    }

    @Test("keys a field does not own are passed on")
    func notConsumed() {
        var state = field("x")
        for key: Key in [.tab, .backTab, .enter, .escape, .up, .down, .control("s"), .function(2), .pageDown] {
            let consumed = state.handle(key)
            #expect(!consumed, "\(key)")
        }
        #expect(state.text == "x")
    }

    @Test("control characters typed as characters are refused")
    func hostileTyping() {
        var state = field("")
        press(&state, .character("\u{1b}"))
        press(&state, .character("\u{202E}"))
        #expect(state.text == "")
        #expect(state.lastInsertRefused)
    }

    @Test("paste inserts whole, newlines and tabs become spaces, controls dropped")
    func paste() {
        var state = field("[]", cursor: 1)
        press(&state, .paste("a\tb\r\nc\nd\u{1b}[31me\u{7}"))
        #expect(state.text == "[a b c d[31me]")
        #expect(state.cursor == 13)
    }

    @Test("accepts is a hard stop: a byte limit with multi-byte text")
    func byteLimit() {
        var state = TextFieldState(text: "", accepts: { $0.utf8.count <= 5 })
        type("ab中c", into: &state)   // a b (2 bytes) + 中 (3 bytes) = 5; c refused
        #expect(state.text == "ab中")
        #expect(state.lastInsertRefused)
        _ = state.handle(.home)
        press(&state, .character("x"))
        #expect(state.text == "ab中")
        #expect(state.cursor == 0)
        _ = state.handle(.backspace); _ = state.handle(.end); _ = state.handle(.backspace)
        #expect(state.text == "ab")
        press(&state, .character("é"))
        #expect(state.text == "abé")
        #expect(!state.lastInsertRefused)
    }

    @Test("a paste that does not fit inserts the longest accepted prefix in graphemes")
    func pasteTruncation() {
        var state = TextFieldState(text: "x", accepts: { $0.utf8.count <= 8 })
        press(&state, .paste("中文字"))     // 1 + 3 + 3 = 7 fits, 10 does not
        #expect(state.text == "x中文")
        #expect(state.lastInsertRefused)
        state = TextFieldState(text: "", accepts: { $0.utf8.count <= 4 })
        press(&state, .paste("e\u{301}e\u{301}"))   // 3 bytes each: the combining mark stays with its e
        #expect(state.text == "e\u{301}")
        state = TextFieldState(text: "", accepts: { $0.count <= 3 })
        _ = state.handle(.paste(String(repeating: "z", count: 10_000)))
        #expect(state.text == "zzz")
    }

    @Test("transform uppercases inserted text")
    func transform() {
        var state = TextFieldState(text: "", transform: { $0.uppercased() })
        type("de", into: &state)
        _ = state.handle(.paste("x"))
        #expect(state.text == "DEX")
        state = TextFieldState(text: "", accepts: { $0.count <= 2 && $0 == $0.uppercased() },
                               transform: { $0.uppercased() })
        type("abc", into: &state)
        #expect(state.text == "AB")
    }

    @Test("a narrow field scrolls to keep the cursor visible, marking hidden text at either end")
    func scrolling() {
        var state = TextFieldState(text: "", displayWidth: 5)
        type("abcdefgh", into: &state)
        let canvas = GridCanvas(size: Size(cols: 10, rows: 1))
        state.render(into: canvas, row: 0, col: 2, width: 5, role: .fieldFocused, focused: true)
        #expect(canvas.lines()[0] == "  …fgh")
        #expect(canvas.cursor! == (0, 6))
        #expect(canvas.role(row: 0, col: 6) == .fieldFocused)
        _ = state.handle(.home)
        canvas.clear()
        state.render(into: canvas, row: 0, col: 2, width: 5, role: .field, focused: true)
        #expect(canvas.lines()[0] == "  abcd…")
        #expect(canvas.cursor! == (0, 2))
        for _ in 0..<5 { _ = state.handle(.right) }
        canvas.clear()
        state.render(into: canvas, row: 0, col: 2, width: 5, role: .field, focused: true)
        #expect(canvas.lines()[0] == "  …def…")
        #expect(canvas.cursor! == (0, 5))
        // Unfocused, a field always shows the start of its value.
        canvas.clear()
        state.render(into: canvas, row: 0, col: 2, width: 5, role: .field, focused: false)
        #expect(canvas.lines()[0] == "  abcd…")
        #expect(canvas.cursor == nil)
    }

    @Test("a field made wider again shows as much as fits, not the tail it scrolled to")
    func wideningUnscrolls() {
        var state = TextFieldState(text: "", displayWidth: 40)
        type("ops@example.com", into: &state)
        state.displayWidth = 6
        #expect(state.scroll > 0)
        state.displayWidth = 40
        #expect(state.scroll == 0)
        let canvas = GridCanvas(size: Size(cols: 40, rows: 1))
        state.render(into: canvas, row: 0, col: 0, width: 40, role: .field, focused: true)
        #expect(canvas.lines()[0] == "ops@example.com")
    }

    @Test("scrolling with wide characters never splits one")
    func wideScrolling() {
        var state = TextFieldState(text: "", displayWidth: 5)
        type("中文字符", into: &state)
        let canvas = GridCanvas(size: Size(cols: 8, rows: 1))
        state.render(into: canvas, row: 0, col: 0, width: 5, role: .field, focused: true)
        #expect(canvas.lines()[0] == "…符")
        #expect(canvas.cursor! == (0, 3))
        _ = state.handle(.left)   // cursor on 符: it must be fully visible
        canvas.clear()
        state.render(into: canvas, row: 0, col: 0, width: 5, role: .field, focused: true)
        #expect(canvas.lines()[0] == "…字符")
        #expect(canvas.cursor! == (0, 3))
        _ = state.handle(.home)
        canvas.clear()
        state.render(into: canvas, row: 0, col: 0, width: 5, role: .field, focused: true)
        #expect(canvas.lines()[0] == "中文…")   // 字 would need cells 4-5: the marker says more follows
        #expect(!canvas.cell(row: 0, col: 5).isContinuation)
        #expect(canvas.cursor! == (0, 0))
    }

    @Test("combining marks and joiners typed as keys of their own join the character before them")
    func joiningPieces() {
        var state = field("")
        type("Jose", into: &state)
        press(&state, .character("\u{301}"))
        #expect(state.text == "Jose\u{301}")
        #expect(state.graphemes.count == 4)
        #expect(!state.lastInsertRefused)
        state = field("")
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        for scalar in family.unicodeScalars { press(&state, .character(Character(scalar))) }
        #expect(state.text == family)
        // Alone, or after a letter it cannot join (a ZWJ after "a"), they are refused as unsafe.
        state = field("")
        press(&state, .character("\u{301}"))
        #expect(state.lastRefusal == .unsafe("\u{301}"))
        state = field("a")
        press(&state, .character("\u{200D}"))
        #expect(state.text == "a")
        #expect(state.lastRefusal == .unsafe("\u{200D}"))
        // Joining still respects the limit.
        state = TextFieldState(text: "e", accepts: { $0.unicodeScalars.count <= 1 })
        press(&state, .character("\u{301}"))
        #expect(state.text == "e")
        #expect(state.lastRefusal == .limit)
    }
}
