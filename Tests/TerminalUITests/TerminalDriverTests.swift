#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import TerminalUI

/// The pure parts of the ncurses driver: how graphemes become ncurses cells, and signal flags.
@Suite("Terminal driver (headless parts)", .serialized)
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
        #expect(SignalFlags.take() == .end(.interrupt))
        #expect(SignalFlags.take() == nil)
        terminal.stop()   // idempotent, fine when never started
        #expect(terminal.escapeDelayMs == 25)
    }

    /// The handler that a real signal runs and the flags the input loop reads must be one
    /// object: in a release build they were two copies, and every signal was ignored.
    @Test("a real SIGTERM, SIGINT and SIGHUP reach the input loop through the C handlers")
    func realSignals() {
        // install() unblocks the signals on this thread (a test worker blocks them), so raise()
        // runs the handler before it returns; the thread's mask is put back afterwards.
        var previous = sigset_t()
        pthread_sigmask(SIG_SETMASK, nil, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        SignalFlags.install()
        let terminal = CursesTerminal(escapeDelayMs: 25)
        for (number, expected) in [(SIGTERM, TerminalSignal.terminate), (SIGINT, .interrupt)] {
            raise(number)
            #expect(terminal.nextEvent(timeoutMs: 0) == .signal(expected))
        }
        raise(SIGHUP)
        #expect(terminal.nextEvent(timeoutMs: 0) == .signal(.hangup))
        #expect(SignalFlags.take() == nil)
    }

    @Test("terminfo delay marks are not written as text (vt100's clear is \\E[H\\E[J$<50>)")
    func paddingIsDropped() {
        #expect(CursesTerminal.withoutPadding("\u{1b}[H\u{1b}[J$<50>") == "\u{1b}[H\u{1b}[J")
        #expect(CursesTerminal.withoutPadding("a$<5*/>b$<2>") == "ab")
        #expect(CursesTerminal.withoutPadding("plain") == "plain")
        #expect(CursesTerminal.withoutPadding("odd$<") == "odd$<")
    }
}
