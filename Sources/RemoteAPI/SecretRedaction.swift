import CustomerKit
import Foundation

/// Removes a secret (the API key) from error text. The client never puts the key into a
/// message itself; this guards against servers and proxies that echo request headers back
/// in their error bodies, which the client quotes.
struct SecretRedaction: Sendable {
    static let replacement = "<redacted>"
    /// Shorter secrets are not searched for: replacing every "ab" would garble messages, and a
    /// key that short is not a real FlexPrice key anyway.
    static let minimumLength = 6

    private let secret: String?

    init(secret: String?) {
        if let secret, secret.count >= Self.minimumLength { self.secret = secret } else { self.secret = nil }
    }

    func apply(_ text: String) -> String {
        guard let secret, text.contains(secret) else { return text }
        return text.replacingOccurrences(of: secret, with: Self.replacement)
    }

    func apply(_ details: [String: String]) -> [String: String] {
        guard secret != nil else { return details }
        var out: [String: String] = [:]
        for (key, value) in details { out[apply(key)] = apply(value) }
        return out
    }

    func apply(_ error: CustomerError) -> CustomerError {
        guard secret != nil else { return error }
        switch error {
        case .validation(let message, let fields):
            return .validation(message: apply(message), fields: apply(fields))
        case .notFound(let message, let details):
            return .notFound(message: apply(message), details: apply(details))
        case .alreadyExists(let message, let details):
            return .alreadyExists(message: apply(message), details: apply(details))
        case .invalidOperation(let message, let details):
            return .invalidOperation(message: apply(message), details: apply(details))
        case .unauthorized(let message):
            return .unauthorized(message: apply(message))
        case .forbidden(let message):
            return .forbidden(message: apply(message))
        case .server(let code, let status, let message, let details):
            return .server(code: apply(code), status: status, message: apply(message), details: apply(details))
        case .transport(let failure, let message):
            return .transport(failure, message: apply(message))
        case .invalidResponse(let status, let message):
            return .invalidResponse(status: status, message: apply(message))
        case .versionConflict(let message, let current):
            return .versionConflict(message: apply(message), current: current)
        }
    }
}
