/// Signals the console must react to (save drafts, restore the terminal, exit).
public enum TerminalSignal: String, Sendable, Equatable {
    /// SIGHUP, or the terminal went away (tty EOF after an SSH connection dropped).
    case hangup
    /// SIGTERM.
    case terminate
    /// SIGINT sent by `kill`; Ctrl-C typed in raw mode arrives as `.key(.control("c"))` instead.
    case interrupt

    /// The signal's number, for an exit status of 128 + number as shells and systemd expect
    /// (a hang-up noticed as tty EOF counts as SIGHUP).
    public var number: Int32 {
        switch self {
        case .hangup: 1
        case .interrupt: 2
        case .terminate: 15
        }
    }
}

/// One thing that happened at the terminal, as returned by `CursesTerminal.nextEvent(timeoutMs:)`.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case resize(Size)
    case signal(TerminalSignal)
    /// Ctrl-Z or SIGTSTP: the runner makes sure drafts are on disk, then calls
    /// `CursesTerminal.suspend()`, which returns once the operator brings the console back.
    case suspend
    /// Nothing happened within the poll timeout.
    case timeout
}
