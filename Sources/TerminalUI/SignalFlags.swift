import CNcursesw

/// The SIGHUP/SIGTERM/SIGINT flags, set by C handlers in shim.h that do nothing else
/// (only `sig_atomic_t` writes are safe in a handler). The event loop polls them.
///
/// This is the only file that may call the `cn_signal_*` shim functions: their storage is a
/// static inside a `static inline` function, which exists once per object file that uses it.
enum SignalFlags {
    /// Installs the handlers and ignores SIGPIPE. Idempotent.
    static func install() {
        _ = cn_signal_install()
    }

    /// The next pending signal (hang-up first), clearing it; nil when none.
    static func take() -> TerminalSignal? {
        switch cn_signal_take() {
        case Int32(CN_SIG_HUP): .hangup
        case Int32(CN_SIG_TERM): .terminate
        case Int32(CN_SIG_INT): .interrupt
        default: nil
        }
    }

    /// Records a signal as if it had arrived (used by tests).
    static func raise(_ signal: TerminalSignal) {
        switch signal {
        case .hangup: cn_signal_raise_flag(Int32(CN_SIG_HUP))
        case .terminate: cn_signal_raise_flag(Int32(CN_SIG_TERM))
        case .interrupt: cn_signal_raise_flag(Int32(CN_SIG_INT))
        }
    }
}
