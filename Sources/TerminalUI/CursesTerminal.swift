import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the terminal could not be started.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    case notATerminal
    case cannotStart(String)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal"
        case .cannotStart(let why): why
        }
    }
}

/// The ncurses driver: the only code that calls ncurses. Screens never see it; they draw into
/// a `GridCanvas` that `present` copies here, and read `TerminalEvent`s from `nextEvent`.
public final class CursesTerminal {
    /// Terminal size (LINES x COLS) as of the last start or resize event.
    public private(set) var size = Size(cols: 80, rows: 24)
    /// Colours the terminal offers (0 when none, or when the theme is monochrome).
    public private(set) var colorCount = 0
    /// False without a UTF-8 locale: only ASCII can be shown, boxes fall back to ASCII.
    public private(set) var supportsUnicode = false
    public private(set) var isActive = false
    /// How long a lone Esc waits for a following key, in milliseconds.
    public let escapeDelayMs: Int


    private var screen: OpaquePointer?
    private var theme = Theme.builtinDefault
    private var styles = CursesRoleStyles.plain
    private var defaultColors = false
    private var writer = CursesFrameWriter()
    private var input = CursesInputReader()
    private var cursorVisible: Bool?
    private var needsFullRepaint = false
    /// Set when the process was continued in the background, for `suspend`.
    private var continuedInBackground = false
    /// False for terminals without an alternate screen (vt100, linux): see `stop`.
    private var hasAlternateScreen = true

    /// `escapeDelayMs` nil: a numeric `ESCDELAY` from the environment, else 25 ms
    /// (ncurses's own default of one second makes Esc feel broken).
    public init(escapeDelayMs: Int? = nil) {
        let fromEnvironment = getenv("ESCDELAY").flatMap { Int(String(cString: $0)) }.flatMap { $0 >= 0 ? $0 : nil }
        self.escapeDelayMs = escapeDelayMs ?? fromEnvironment ?? 25
    }

    /// A canvas of the current size that knows whether only ASCII can be shown.
    public func makeCanvas() -> GridCanvas {
        GridCanvas(size: size, asciiOnly: !supportsUnicode)
    }

    // MARK: - Start and stop

    public func start(theme: Theme) throws {
        guard !isActive else { return }
        if screen == nil {
            // Before ncurses starts, or wide text is garbled.
            guard Self.chooseLocale() else { throw TerminalError.cannotStart(Self.noUTF8Locale) }
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
            SignalFlags.install()
            // Before curses changes the terminal modes: a crash puts these back.
            SignalFlags.installCrashRestore()
            guard let created = cn_newterm_stdio(nil) else { throw TerminalError.cannotStart(Self.unusableTerm) }
            // A terminal that cannot move the cursor (TERM=dumb, a printing terminal) would get
            // every row written onto one line: refuse it as clearly as an unknown TERM.
            guard cn_string_cap("cup") != nil else {
                _ = endwin()
                delscreen(created)
                throw TerminalError.cannotStart(Self.unusableTerm)
            }
            screen = created
            _ = set_term(created)
            configureInput()
            supportsUnicode = cn_locale_is_utf8() != 0
            hasAlternateScreen = cn_string_cap("rmcup") != nil
            if has_colors() {
                _ = start_color()
                defaultColors = use_default_colors() != cn_err()
            }
        } else {
            _ = doupdate()  // coming back after stop(): ncurses restores program mode
        }
        writeDirect("\u{1b}[?2004h")  // bracketed paste on: a paste arrives as one key, never submits
        SignalFlags.attachInputThread()
        isActive = true
        cursorVisible = nil
        refreshSize()
        apply(theme: theme)
    }

    /// The message for a TERM that ncurses does not know or that cannot address the cursor.
    static var unusableTerm: String {
        let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
        return "cannot start the terminal: TERM=\(term) is unknown or unusable (it must move the cursor); "
            + "set TERM to your terminal's type, e.g. TERM=xterm-256color"
    }

    static let noUTF8Locale = "cannot start the terminal: no UTF-8 locale is available on this host, so typed "
        + "accents and other scripts would be lost; install one (e.g. C.UTF-8) and set LANG to it"

    /// Leaves the alternate screen and restores the terminal modes (endwin); turns bracketed
    /// paste off. Idempotent, and safe after a hang-up (write errors are ignored, SIGPIPE is).
    public func stop() {
        guard isActive else { return }
        isActive = false
        SignalFlags.detachInputThread()
        if !hasAlternateScreen && !input.hungUp {
            // No alternate screen (vt100, linux): the console's last frame would stay, with the
            // shell's prompt landing on its footer. Leave a clean screen instead.
            _ = werase(cn_stdscr())
            _ = wnoutrefresh(cn_stdscr())
            _ = doupdate()
        }
        _ = curs_set(1)
        _ = endwin()
        cn_flush_stdout()
        writeDirect("\u{1b}[?2004l")
        if !hasAlternateScreen && !input.hungUp, let clear = cn_string_cap("clear") {
            writeDirect(Self.withoutPadding(String(cString: clear)))
        }
    }

    /// A terminfo string without its delay marks (`$<50>` in vt100's `clear`): only tputs knows
    /// them, and written raw they would land on the screen as text.
    static func withoutPadding(_ capability: String) -> String {
        var out = ""
        var characters = Array(capability)[...]
        while let dollar = characters.firstIndex(of: "$") {
            out += String(characters[..<dollar])
            let after = characters.index(after: dollar)
            guard after < characters.endIndex, characters[after] == "<",
                  let close = characters[after...].firstIndex(of: ">") else {
                out.append("$")
                characters = characters[after...]
                continue
            }
            characters = characters[characters.index(after: close)...]
        }
        return out + String(characters)
    }

    /// Ctrl-Z (or SIGTSTP): gives the terminal back to the shell as every full-screen program
    /// does, stops the process as a job, and on `fg` takes the terminal again with its modes
    /// (raw input, bracketed paste, keypad) and the whole frame put back. Continued in the
    /// background (`bg`), it stops again rather than draw over the shell. Returns once resumed
    /// in the foreground.
    public func suspend() {
        guard isActive else { return }
        let fromBackground = continuedInBackground
        continuedInBackground = false
        // From the background, endwin's mode change may itself stop the process (SIGTTOU)
        // until `fg`; then it is in the foreground again and need not stop once more.
        stop()
        if !fromBackground || !SignalFlags.inForeground {
            // Without a job-control shell (an orphaned process group) the kernel drops the stop
            // signal and this returns at once: the console simply carries on.
            repeat { SignalFlags.stopSelf() } while !SignalFlags.inForeground && SignalFlags.canStopAsJob
        }
        try? start(theme: theme)
        needsFullRepaint = true
    }

    /// After a stop the console did not arrange (kill -STOP, then -CONT), the shell may have
    /// changed the terminal's modes; take them back and repaint everything.
    private func reassertModes() {
        guard isActive else { return }
        _ = reset_prog_mode()
        writeDirect("\u{1b}[?2004h")
        cursorVisible = nil
        needsFullRepaint = true
    }

    public func copyToClipboard(_ text: String) {
        guard isActive else { return }
        var environment: [String: String] = [:]
        for name in ["TMUX", "STY", "TERM"] { environment[name] = getenv(name).map { String(cString: $0) } }
        writeDirect(String(decoding: ClipboardSequence.bytes(for: text, environment: environment), as: UTF8.self))
    }

    /// Writes straight to the terminal's file descriptor: `putp` would leave the bytes in a
    /// stdio buffer that is only flushed at exit. Errors (after a hang-up) are ignored.
    private func writeDirect(_ sequence: String) {
        var bytes = Array(sequence.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 { offset += written } else if written < 0 && errno == EINTR { continue } else { return }
        }
    }

    /// Switches theme while running; the next `present` repaints in the new colours.
    public func apply(theme newTheme: Theme) {
        theme = newTheme
        let colours = has_colors() && !newTheme.isMonochrome ? Int(cn_colors()) : 0
        colorCount = colours
        styles = CursesRoleStyles.install(theme: newTheme, colorCount: colours, defaultColors: defaultColors)
        writer.invalidate()
    }

    /// The character type from the environment (`setlocale(LC_CTYPE, "")`): ncurses needs no
    /// other category, and loading all twelve is start-up time the first frame waits for. When
    /// that gives no UTF-8 (LANG=C over SSH, or a forwarded locale the host lacks), characters
    /// are handled as UTF-8 all the same: the terminal almost certainly is, and in any other
    /// encoding typed accents, CJK and emoji would be lost or shown as "?". False when no UTF-8
    /// locale exists at all (then the console refuses to start).
    static func chooseLocale() -> Bool {
        _ = setlocale(LC_CTYPE, "")
        if cn_locale_is_utf8() != 0 { return true }
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"] where setlocale(LC_CTYPE, name) != nil {
            if cn_locale_is_utf8() != 0 { return true }
        }
        return false
    }

    private func configureInput() {
        let window = cn_stdscr()
        _ = set_escdelay(Int32(escapeDelayMs))
        _ = raw()          // Ctrl-S/Q/Z/C arrive as keys: no XOFF, no job control, no SIGINT
        _ = noecho()
        _ = nonl()         // Enter stays CR; lets ncurses use LF for cheap cursor motion
        _ = keypad(window, true)
        _ = meta(window, true)
        _ = intrflush(window, false)
        _ = leaveok(window, true)
        _ = curs_set(0)
        cursorVisible = false
        _ = define_key("\u{1b}[200~", KeyCodeTable.pasteBegin)
        _ = define_key("\u{1b}[201~", KeyCodeTable.pasteEnd)
        // xterm sequences some terminfo entries (vt100, linux) lack: only where not defined,
        // so the terminal's own entry always wins.
        for (sequence, code) in Self.extraKeySequences where key_defined(sequence) == 0 {
            _ = define_key(sequence, code)
        }
    }

    private static let extraKeySequences: [(String, Int32)] = {
        var list: [(String, Int32)] = [
            ("\u{1b}[A", Int32(KEY_UP)), ("\u{1b}[B", Int32(KEY_DOWN)), ("\u{1b}[C", Int32(KEY_RIGHT)),
            ("\u{1b}[D", Int32(KEY_LEFT)), ("\u{1b}OA", Int32(KEY_UP)), ("\u{1b}OB", Int32(KEY_DOWN)),
            ("\u{1b}OC", Int32(KEY_RIGHT)), ("\u{1b}OD", Int32(KEY_LEFT)), ("\u{1b}[H", Int32(KEY_HOME)),
            ("\u{1b}[F", Int32(KEY_END)), ("\u{1b}OH", Int32(KEY_HOME)), ("\u{1b}OF", Int32(KEY_END)),
            ("\u{1b}[1~", Int32(KEY_HOME)), ("\u{1b}[4~", Int32(KEY_END)), ("\u{1b}[7~", Int32(KEY_HOME)),
            ("\u{1b}[8~", Int32(KEY_END)), ("\u{1b}[2~", Int32(KEY_IC)), ("\u{1b}[3~", Int32(KEY_DC)),
            ("\u{1b}[5~", Int32(KEY_PPAGE)), ("\u{1b}[6~", Int32(KEY_NPAGE)), ("\u{1b}[Z", Int32(KEY_BTAB)),
        ]
        for (index, final) in ["P", "Q", "R", "S"].enumerated() {
            list.append(("\u{1b}O" + final, cn_key_f(Int32(index + 1))))
        }
        for (index, number) in [11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24].enumerated() {
            list.append(("\u{1b}[\(number)~", cn_key_f(Int32(index + 1))))
        }
        return list
    }()

    private func refreshSize() {
        var rows: Int32 = 0, cols: Int32 = 0
        cn_getmaxyx(cn_stdscr(), &rows, &cols)
        size = Size(cols: Int(cols), rows: Int(rows))
    }

    // MARK: - Drawing

    /// Copies the canvas to the terminal and places (or hides) the cursor. Only changed cells
    /// are written; the screen is cleared only after a resize.
    public func present(_ canvas: GridCanvas) {
        guard isActive, !input.hungUp else { return }
        let window = cn_stdscr()
        if needsFullRepaint {
            needsFullRepaint = false
            writer.invalidate()
            _ = clearok(cn_curscr(), true)
        }
        writer.write(canvas, screen: size, styles: styles, unicode: supportsUnicode)
        if let (row, col) = canvas.cursor, row >= 0, row < size.rows, col >= 0, col < size.cols {
            if cursorVisible != true { _ = curs_set(1); cursorVisible = true }
            _ = leaveok(window, false)
            _ = wmove(window, Int32(row), Int32(col))
        } else {
            if cursorVisible != false { _ = curs_set(0); cursorVisible = false }
            _ = leaveok(window, true)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
    }

    // MARK: - Events

    /// The next key, resize or signal, or `.timeout` after `timeoutMs` (negative: no limit).
    /// Reads in short slices so signal flags are seen promptly; after a hang-up it answers
    /// `.signal(.hangup)` at once, every time, instead of spinning on a dead terminal.
    public func nextEvent(timeoutMs: Int) -> TerminalEvent {
        switch input.next(timeoutMs: timeoutMs, terminalActive: isActive) {
        // In raw mode Ctrl-Z is a key; it suspends, as in every full-screen terminal program.
        case .key(.control("z")), .suspend: return .suspend
        case .continued:
            // Continued while the shell owns the terminal (`bg`, kill -CONT): drawing now would
            // put the form on screen while the shell reads the keys; suspend again instead.
            guard SignalFlags.inForeground || !SignalFlags.canStopAsJob else {
                continuedInBackground = true
                return .suspend
            }
            reassertModes()
            refreshSize()
            return .resize(size)
        case .key(let key): return .key(key)
        case .signal(let signal): return .signal(signal)
        case .timeout: return .timeout
        case .resized:
            refreshSize()
            needsFullRepaint = true
            return .resize(size)
        }
    }
}
