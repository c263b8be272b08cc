import CNcursesw
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the keyboard through ncurses (`wtimeout` + `wget_wch`) and feeds `KeyDecoder`.
/// Polls in short slices so that signal flags are noticed within `sliceMs`, and notices when
/// the terminal has gone away (after a hang-up every read fails at once).
struct CursesInputReader {
    enum Outcome: Equatable {
        case key(Key)
        case resized
        case signal(TerminalSignal)
        /// Ctrl-Z typed, or SIGTSTP from outside: the console should suspend itself.
        case suspend
        /// The process ran again after a stop it did not arrange: modes must be put back.
        case continued
        case timeout
    }

    /// How long a paste may stall between bytes before what arrived is delivered anyway.
    static let pasteStallMs = 500
    /// Polling slice: signal flags are checked at least this often.
    static let sliceMs = 100

    private(set) var hungUp = false
    private var decoder = KeyDecoder()
    private var queue: [Key] = []
    private var quickErrors = 0
    private let clock = ContinuousClock()
    private var lastPasteInput: ContinuousClock.Instant?

    mutating func next(timeoutMs: Int, terminalActive: Bool) -> Outcome {
        if !queue.isEmpty { return .key(queue.removeFirst()) }
        let started = clock.now
        var polledOnce = false
        while true {
            if hungUp { return .signal(.hangup) }
            switch SignalFlags.take() {
            case .end(let signal)?:
                if signal == .hangup { hungUp = true }
                return .signal(signal)
            case .stop?: return .suspend
            case .continued?: return .continued
            case nil: break
            }
            guard terminalActive else { return .timeout }
            let remaining = timeoutMs < 0 ? Int.max : timeoutMs - milliseconds(since: started)
            let lookahead = decoder.needsLookahead
            let collectingPaste = decoder.isCollectingPaste
            // A paste in progress is finished (or given up after `pasteStallMs`) before timing out.
            if !lookahead && !collectingPaste && remaining <= 0 && polledOnce { return .timeout }
            let slice = lookahead ? 0 : collectingPaste ? Self.sliceMs : min(max(remaining, 0), Self.sliceMs)
            polledOnce = true
            if let outcome = readOnce(sliceMs: slice, lookahead: lookahead) { return outcome }
        }
    }

    /// One `wget_wch` with a timeout. Returns an outcome when one is ready.
    private mutating func readOnce(sliceMs: Int, lookahead: Bool) -> Outcome? {
        let window = cn_stdscr()
        wtimeout(window, Int32(sliceMs))
        var character: wint_t = 0
        let before = clock.now
        let result = wget_wch(window, &character)
        if result == cn_err() {
            if lookahead {
                queue += decoder.feed(.nothing)
            } else if noteQuickError(sliceMs: sliceMs, elapsedMs: milliseconds(since: before)) {
                hungUp = true
                return .signal(.hangup)
            }
            if decoder.isCollectingPaste, let last = lastPasteInput,
               milliseconds(since: last) >= Self.pasteStallMs, let paste = decoder.finishPaste() {
                queue.append(paste)
            }
            return queue.isEmpty ? nil : .key(queue.removeFirst())
        }
        quickErrors = 0
        if result == KEY_CODE_YES {
            let code = Int32(bitPattern: character)
            if code == Int32(KEY_RESIZE) {
                queue += decoder.feed(.nothing)
                return .resized
            }
            // Extended keys (Ctrl-Left is "kLFT5") are only recognisable by name.
            let name = code > Int32(KEY_MAX) ? keyname(code).map { String(cString: $0) } : nil
            queue += decoder.feed(.keyCode(code, name: name))
        } else {
            queue += decoder.feed(.character(UInt32(character)))
        }
        lastPasteInput = decoder.isCollectingPaste ? clock.now : nil
        return queue.isEmpty ? nil : .key(queue.removeFirst())
    }

    /// After the terminal hangs up, wget_wch fails at once instead of waiting. Ten such quick
    /// failures in a row, or the tty reporting POLLHUP, count as a hang-up (ten, not one: a stray
    /// signal also ends a read early, with EINTR).
    private mutating func noteQuickError(sliceMs: Int, elapsedMs: Int) -> Bool {
        guard sliceMs >= 20, elapsedMs < sliceMs / 4 else {
            quickErrors = 0
            return false
        }
        quickErrors += 1
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let polled = poll(&descriptor, 1, 0)
        let failureBits = Int32(POLLHUP) | Int32(POLLERR) | Int32(POLLNVAL)
        let hangUpReported = polled > 0 && (Int32(descriptor.revents) & failureBits) != 0
        return hangUpReported || quickErrors >= 10
    }

    private func milliseconds(since instant: ContinuousClock.Instant) -> Int {
        Int((clock.now - instant) / .milliseconds(1))
    }
}
