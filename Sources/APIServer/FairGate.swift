import NIOConcurrencyHelpers

/// At most `permits` holders at once; the others wait in arrival order. A waiter whose task is
/// cancelled (its client left, its deadline passed) leaves the queue at once and throws
/// `CancellationError`, so an abandoned request costs nothing while it waits.
///
/// One per environment (`EnvironmentGates`): the requests of a busy environment queue behind
/// each other, not in front of another environment's.
final class FairGate: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var queue: [Waiter] = []
        var nextID: UInt64 = 0
        /// Ids given out whose waiter is not queued yet, and those of them already cancelled.
        var unqueued: Set<UInt64> = []
        var cancelledEarly: Set<UInt64> = []
    }

    let permits: Int
    private let state: NIOLockedValueBox<State>

    init(permits: Int) {
        self.permits = permits
        state = NIOLockedValueBox(State(available: permits))
    }

    /// Requests waiting for a permit.
    var waiting: Int { state.withLockedValue { $0.queue.count } }
    /// Permits held right now.
    var held: Int { state.withLockedValue { permits - $0.available } }

    /// Runs `body` holding a permit.
    func withPermit<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    func acquire() async throws {
        try Task.checkCancellation()
        let id: UInt64? = state.withLockedValue { state in
            if state.available > 0 && state.queue.isEmpty {
                state.available -= 1
                return nil
            }
            state.nextID += 1
            state.unqueued.insert(state.nextID)
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = state.withLockedValue { state in
                    state.unqueued.remove(id)
                    if state.cancelledEarly.remove(id) != nil { return true }
                    state.queue.append(Waiter(id: id, continuation: continuation))
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLockedValue { state in
                if let index = state.queue.firstIndex(where: { $0.id == id }) {
                    return state.queue.remove(at: index)
                }
                // Not queued yet: the waiter refuses itself when it comes. Already granted: nothing to do.
                if state.unqueued.contains(id) { state.cancelledEarly.insert(id) }
                return nil
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Hands the permit to the longest waiter, or returns it.
    func release() {
        let next: Waiter? = state.withLockedValue { state in
            if state.queue.isEmpty {
                state.available += 1
                return nil
            }
            return state.queue.removeFirst()
        }
        next?.continuation.resume()
    }
}
