import NIOConcurrencyHelpers

/// A value that one of several racing events delivers, first come first served: `wait()`
/// returns the first value given to `resume`, whether it came before or after the wait began.
final class ResumeOnce<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case done(Value)
        case finished
    }

    private let state = NIOLockedValueBox(State.empty)

    func resume(_ value: Value) {
        let continuation: CheckedContinuation<Value, Never>? = state.withLockedValue { state in
            switch state {
            case .empty:
                state = .done(value)
                return nil
            case .waiting(let continuation):
                state = .finished
                return continuation
            case .done, .finished:
                return nil
            }
        }
        continuation?.resume(returning: value)
    }

    func wait() async -> Value {
        await withCheckedContinuation { continuation in
            let ready: Value? = state.withLockedValue { state in
                switch state {
                case .empty:
                    state = .waiting(continuation)
                    return nil
                case .done(let value):
                    state = .finished
                    return value
                case .waiting, .finished:
                    preconditionFailure("ResumeOnce.wait called twice")
                }
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
