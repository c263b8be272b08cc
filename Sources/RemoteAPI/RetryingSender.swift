import CustomerKit
import Foundation

/// Sends a request, and sends it again while that is both safe and worth it.
///
/// Safe: the request `mayRepeat` (reads, the search POST, updates, deletes), or the failure
/// shows the server never acted on it (refused connection, 429). Worth it: the failure may
/// pass (timeout, dropped connection, 502/503/504, 429) and the policy's limits allow another
/// try. Creates are not repeated here after an ambiguous failure; `SingleCreate` checks first.
struct RetryingSender: Sendable {
    let transport: HTTPTransport
    let policy: RetryPolicy

    /// The final answer, whatever its status (the caller reads errors), or the last failure
    /// to get one, with the trace's note added. Cancellation ends the tries at once.
    func send(_ request: APIRequest, trace: inout RetryTrace) async throws(CustomerError) -> APIResponse {
        let started = policy.now()
        while true {
            if Task.isCancelled { throw cancelled }
            trace.attempts += 1
            let outcome = await transport.attempt(request)
            let verdict = outcome.verdict
            if case .ambiguous = verdict { trace.sawAmbiguousFailure = true }
            if let wait = nextWait(verdict, request: request, attempt: trace.attempts,
                                   elapsed: policy.now() - started, trace: &trace) {
                do {
                    try await policy.sleep(wait)
                } catch {
                    throw cancelled
                }
                continue
            }
            switch outcome {
            case .answered(let response): return response
            case .failed(let error): throw error.noting(trace.note)
            }
        }
    }

    /// How long to wait before the next try, or nil when there is none.
    private func nextWait(_ verdict: AttemptOutcome.Verdict, request: APIRequest, attempt: Int,
                          elapsed: Duration, trace: inout RetryTrace) -> Duration? {
        let retryAfter: Duration?
        switch verdict {
        case .final: return nil
        case .notDelivered(let after): retryAfter = after
        case .ambiguous(let after):
            guard request.mayRepeat else { return nil }
            retryAfter = after
        }
        return policy.wait(beforeAttempt: attempt + 1, retryAfter: retryAfter, elapsed: elapsed, trace: &trace)
    }

    private var cancelled: CustomerError {
        .transport(.cancelled, message: "The request to \(transport.hostDescription) was cancelled")
    }
}

extension RetryPolicy {
    /// The wait before try `attempt`, or nil (with the reason in `trace`) when the limits
    /// forbid it. `retryAfter` is the server's own request, obeyed up to `maxRetryAfter`.
    func wait(beforeAttempt attempt: Int, retryAfter: Duration?, elapsed: Duration,
              trace: inout RetryTrace) -> Duration? {
        guard attempt <= maxAttempts else { return nil }
        let wait: Duration
        if let retryAfter {
            guard retryAfter <= maxRetryAfter else {
                trace.stopReason = "the server asked to wait \(Self.seconds(retryAfter)) before trying again, "
                    + "longer than the \(Self.seconds(maxRetryAfter)) this client waits"
                return nil
            }
            wait = max(retryAfter, backoff(beforeAttempt: attempt))
        } else {
            wait = backoff(beforeAttempt: attempt)
        }
        guard elapsed + wait <= maxTotalTime else {
            trace.stopReason = "stopped after \(Self.seconds(elapsed)): another try would pass the "
                + "\(Self.seconds(maxTotalTime)) limit"
            return nil
        }
        return wait
    }

    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
