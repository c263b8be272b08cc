import CustomerKit
import Foundation
import Synchronization

/// The backend, opened on a thread of its own from the moment this is made. The launcher makes
/// it as soon as it knows the configuration, so opening the store (WAL set-up, the schema
/// check, a reader connection: over a millisecond) overlaps loading the theme and starting the
/// terminal instead of delaying the first frame. Effects await `result`.
///
/// A thread, not a task: on 2 cores Swift concurrency has 2 pool threads, and start-up work
/// already queued there would delay the open.
public final class BackendOpening: Sendable {
    public typealias Outcome = Result<EffectRunner, CustomerError>

    private enum State {
        case opening(waiting: [CheckedContinuation<Outcome, Never>])
        case opened(Outcome)
    }

    private let state = Mutex(State.opening(waiting: []))

    /// Starts `open` on a new thread at once.
    public init(open: @escaping @Sendable () throws(CustomerError) -> EffectRunner) {
        let thread = Thread { [self] in
            let outcome: Outcome
            do throws(CustomerError) {
                outcome = .success(try open())
            } catch {
                outcome = .failure(error)
            }
            let waiting = state.withLock { current -> [CheckedContinuation<Outcome, Never>] in
                defer { current = .opened(outcome) }
                if case .opening(let waiting) = current { return waiting }
                return []
            }
            for continuation in waiting { continuation.resume(returning: outcome) }
        }
        thread.name = "backend-open"
        thread.start()
    }

    /// The opened backend (ready to perform effects) or why it could not be opened.
    public var result: Outcome {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { current -> Outcome? in
                    switch current {
                    case .opened(let outcome):
                        return outcome
                    case .opening(let waiting):
                        current = .opening(waiting: waiting + [continuation])
                        return nil
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
