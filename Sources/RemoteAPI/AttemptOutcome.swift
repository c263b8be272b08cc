import CustomerKit
import Foundation

/// What one try of a request came to: an HTTP answer of any status, or no answer at all.
enum AttemptOutcome: Sendable {
    case answered(APIResponse)
    case failed(CustomerError)

    /// Whether another try could go differently, and what the server may have done.
    enum Verdict: Equatable {
        /// Success, or a failure that another try would only repeat (4xx other than 429, 500,
        /// 501, TLS, an unknown host, cancellation, a request that could not be built).
        case final
        /// The server did not act on the request: nothing accepted the connection, or it
        /// answered 429. Any request, even a create, may be sent again.
        case notDelivered(retryAfter: Duration?)
        /// The server may or may not have acted: a timeout, a connection closed before the
        /// answer was complete, 502/503/504 (often a proxy that lost the upstream mid-request).
        /// Only requests that `mayRepeat` are sent again; a create must look before it leaps.
        case ambiguous(retryAfter: Duration?)
    }

    var verdict: Verdict {
        switch self {
        case .answered(let response):
            let retryAfter = RetryAfter.parse(response.header("retry-after"))
            switch response.status {
            case 429: return .notDelivered(retryAfter: retryAfter)
            case 502, 503, 504: return .ambiguous(retryAfter: retryAfter)
            default: return .final
            }
        case .failed(.transport(let failure, _)):
            switch failure {
            case .connectionRefused: return .notDelivered(retryAfter: nil)
            case .timedOut, .connectionLost: return .ambiguous(retryAfter: nil)
            case .cannotFindHost, .secureConnectionFailed, .cancelled, .other: return .final
            }
        case .failed:
            return .final
        }
    }
}

/// How a run of tries went, for the final error's message and for callers (a delete) that
/// must know whether an earlier try may have done the work.
struct RetryTrace: Sendable {
    var attempts = 0
    /// Some try failed in a way that may hide a request the server carried out.
    var sawAmbiguousFailure = false
    /// Why tries stopped before `maxAttempts`, when it was not the answer itself.
    var stopReason: String?

    /// Appended to the last error: how many tries it took and why they stopped.
    var note: String? {
        var parts: [String] = []
        if attempts > 1 { parts.append("tried \(attempts) times") }
        if let stopReason { parts.append(stopReason) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

extension CustomerError {
    /// The same error with `note` added to its message in parentheses (or after a "; ").
    func noting(_ note: String?) -> CustomerError {
        guard let note, !note.isEmpty else { return self }
        let add: (String) -> String = { $0.hasSuffix(")") ? "\($0); \(note)" : "\($0) (\(note))" }
        switch self {
        case .validation(let message, let fields): return .validation(message: add(message), fields: fields)
        case .notFound(let message, let details): return .notFound(message: add(message), details: details)
        case .alreadyExists(let message, let details): return .alreadyExists(message: add(message), details: details)
        case .invalidOperation(let message, let details):
            return .invalidOperation(message: add(message), details: details)
        case .unauthorized(let message): return .unauthorized(message: add(message))
        case .forbidden(let message): return .forbidden(message: add(message))
        case .server(let code, let status, let message, let details):
            return .server(code: code, status: status, message: add(message), details: details)
        case .transport(let failure, let message): return .transport(failure, message: add(message))
        case .invalidResponse(let status, let message): return .invalidResponse(status: status, message: add(message))
        case .versionConflict(let message, let current): return .versionConflict(message: add(message), current: current)
        }
    }
}
