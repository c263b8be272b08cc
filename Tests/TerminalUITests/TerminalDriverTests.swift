import Testing
@testable import TerminalUI

/// The pure parts of the ncurses driver: how graphemes become ncurses cells, and signal flags.
@Suite("Terminal driver (headless parts)")
struct TerminalDriverTests {
    /// wcwidth stand-in so expectations do not depend on the C library's tables.
    static func width(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x301, 0x200D, 0xFE0F: 0
        case 0x4E2D, 0x1F468, 0x1F469, 0x1F600: 2
        default: 1
        }
    }

    func pieces(_ character: Character, _ cells: Int, unicode: Bool = true) -> [TerminalGlyph.Piece] {
        TerminalGlyph.pieces(for: character, cells: cells, unicode: unicode, scalarWidth: Self.width)
    }

    @Test("plain, wide and combining characters are one ncurses cell each")
    func simple() {
        #expect(pieces("a", 1) == [.init(scalars: [0x61], cells: 1)])
        #expect(pieces("中", 2) == [.init(scalars: [0x4E2D], cells: 2)])
        #expect(pieces("e\u{301}", 1) == [.init(scalars: [0x65, 0x301], cells: 1)])
        #expect(pieces("😀\u{FE0F}", 2) == [.init(scalars: [0x1F600, 0xFE0F], cells: 2)])
    }

    @Test("graphemes ncurses measures differently keep the cursor position right")
    func mismatched() {
        // A ZWJ family: the first person only, no dangling joiner.
        #expect(pieces("👨‍👩", 2) == [.init(scalars: [0x1F468], cells: 2)])
        // A flag: two regional indicators in adjacent cells.
        #expect(pieces("🇩🇪", 2) == [.init(scalars: [0x1F1E9], cells: 1), .init(scalars: [0x1F1EA], cells: 1)])
        // A text-width base shown as emoji: bare base plus a space.
        #expect(pieces("❤️", 2) == [.init(scalars: [0x2764], cells: 1), .init(scalars: [0x20], cells: 1)])
    }

    @Test("without a UTF-8 locale non-ASCII becomes one ? per cell")
    func asciiOnly() {
        #expect(pieces("中", 2, unicode: false) == Array(repeating: .init(scalars: [0x3F], cells: 1), count: 2))
        #expect(pieces("é", 1, unicode: false) == [.init(scalars: [0x3F], cells: 1)])
        #expect(pieces("a", 1, unicode: false) == [.init(scalars: [0x61], cells: 1)])
    }

    @Test("signal flags reach nextEvent even before the terminal starts")
    func signals() {
        let terminal = CursesTerminal(escapeDelayMs: 25)
        #expect(terminal.nextEvent(timeoutMs: 0) == .timeout)
        SignalFlags.raise(.terminate)
        #expect(terminal.nextEvent(timeoutMs: 0) == .signal(.terminate))
        SignalFlags.raise(.interrupt)
        SignalFlags.raise(.hangup)
        #expect(terminal.nextEvent(timeoutMs: 0) == .signal(.hangup))
        // Once hung up, always hung up (the app must not spin on a dead terminal).
        #expect(terminal.nextEvent(timeoutMs: 1000) == .signal(.hangup))
        #expect(SignalFlags.take() == .interrupt)
        #expect(SignalFlags.take() == nil)
        terminal.stop()   // idempotent, fine when never started
        #expect(terminal.escapeDelayMs == 25)
    }
}
