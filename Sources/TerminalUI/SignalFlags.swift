import CTerminalSignals

/// The flags set by the C signal handlers in `CTerminalSignals` (which do nothing else: only
/// `sig_atomic_t` writes are safe in a handler). The event loop polls them.
enum SignalFlags {
    /// What a pending flag asks of the event loop.
    enum Pending: Equatable {
        /// End the console (drafts kept): SIGHUP, SIGTERM, SIGINT.
        case end(TerminalSignal)
        /// SIGTSTP from outside: suspend as Ctrl-Z does.
        case stop
        /// SIGCONT after a stop the console did not arrange: put the terminal modes back.
        case continued
    }

    /// Installs the handlers and ignores SIGPIPE. Idempotent.
    static func install() {
        _ = fx_signals_install()
    }

    /// While attached, a signal delivered to another thread is passed on to this one, so the
    /// input loop's blocked read returns at once.
    static func attachInputThread() { fx_signals_attach_input_thread() }
    static func detachInputThread() { fx_signals_detach_input_thread() }

    /// The next pending signal (hang-up first), clearing it; nil when none.
    static func take() -> Pending? {
        switch fx_signals_take() {
        case Int32(FX_SIG_HUP): .end(.hangup)
        case Int32(FX_SIG_TERM): .end(.terminate)
        case Int32(FX_SIG_INT): .end(.interrupt)
        case Int32(FX_SIG_TSTP): .stop
        case Int32(FX_SIG_CONT): .continued
        default: nil
        }
    }

    /// Records a signal as if it had arrived (used by tests).
    static func raise(_ signal: TerminalSignal) {
        switch signal {
        case .hangup: fx_signals_raise_flag(Int32(FX_SIG_HUP))
        case .terminate: fx_signals_raise_flag(Int32(FX_SIG_TERM))
        case .interrupt: fx_signals_raise_flag(Int32(FX_SIG_INT))
        }
    }

    /// Stops the process as a job (SIGTSTP's default action); returns once it is continued.
    static func stopSelf() {
        fx_signals_stop_self()
    }

    /// False while the process runs in the background: the terminal belongs to the shell.
    static var inForeground: Bool { fx_terminal_is_foreground() != 0 }

    /// True when a shell with job control can stop and continue the process.
    static var canStopAsJob: Bool { fx_can_stop_as_job() != 0 }

    /// Saves the terminal modes and installs the crash-time restoration (see the C header).
    static func installCrashRestore() {
        _ = fx_crash_restore_install()
    }
}
