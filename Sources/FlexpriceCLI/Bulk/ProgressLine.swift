import BulkTransfer
import Foundation
import Synchronization

/// The import's progress on a terminal: one line on stderr, redrawn in place at most four
/// times a second. Writes with write(2) and ignores failures: after a hang-up the terminal is
/// gone, and the import must go on to its journal, not die on a progress line.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)
    static let minimumInterval: Duration = .milliseconds(250)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ progress: ImportProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = lastDrawn.withLock { last -> Bool in
            if let last, now - last < Self.minimumInterval { return false }
            last = now
            return true
        }
        guard due else { return }
        emit("\r\u{1B}[K" + Self.text(progress))
    }

    func clear() {
        guard enabled, lastDrawn.withLock({ $0 != nil }) else { return }
        emit("\r\u{1B}[K")
    }

    static func text(_ progress: ImportProgress) -> String {
        switch progress.phase {
        case .checking:
            return "checking \(grouped(progress.done)) rows…"
        case .importing:
            var text = "\(grouped(progress.done)) / \(grouped(progress.total)) rows · \(grouped(Int(progress.rate))) rows/s"
            if let left = progress.secondsLeft { text += " · \(duration(left)) left" }
            return text
        }
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
            : String(format: "%d:%02d", total / 60, total % 60)
    }

    private func emit(_ text: String) {
        _ = text.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}

/// Ctrl-C, a hang-up or SIGTERM during an import: the first asks it to stop after the batch
/// under way (what is written stays written, and the journal says so); a second ends the
/// process at once (the journal still makes the next run finish the job).
final class StopSignals: Sendable {
    private static let received = Atomic<Int32>(0)

    var requested: Bool { Self.received.load(ordering: .relaxed) != 0 }
    var signal: Int32? {
        let value = Self.received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    static func install() -> StopSignals {
        for number in [SIGINT, SIGHUP, SIGTERM] {
            Foundation.signal(number) { number in
                let (exchanged, _) = StopSignals.received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                if !exchanged { _exit(128 + number) }
            }
        }
        // A closed terminal or pipe must not kill the import mid-batch.
        Foundation.signal(SIGPIPE, SIG_IGN)
        return StopSignals()
    }
}
