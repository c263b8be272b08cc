/// Every way a customer operation can fail, from any backend. Carries the FlexPrice error
/// code, a message for the operator and per-field details keyed by JSON field names.
public enum CustomerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 400 `validation_error`. `fields` maps JSON field names to what is wrong with them.
    case validation(message: String, fields: [String: String])
    /// 404 `not_found`.
    case notFound(message: String, details: [String: String])
    /// 409 `already_exists` (duplicate external id among published customers).
    case alreadyExists(message: String, details: [String: String])
    /// 400 `invalid_operation` (e.g. deleting a parent that still has children).
    case invalidOperation(message: String, details: [String: String])
    /// 401: no key, a wrong key, or a bad Authorization header.
    case unauthorized(message: String)
    /// 403: the key may not do this, or the environment is not the key's.
    case forbidden(message: String)
    /// Any other FlexPrice error (`database_error`, `service_unavailable`, `too_many_requests`...).
    case server(code: String, status: Int, message: String, details: [String: String])
    /// The request did not get an answer: timeout, refused connection, DNS, TLS, dropped link.
    case transport(TransportFailure, message: String)
    /// An answer the API does not give: non-JSON body, unexpected shape or status.
    case invalidResponse(status: Int, message: String)
    /// 412 `version_conflict`: a conditional update found the customer changed since the version
    /// it was made against (someone else saved it); nothing was written. Carries the customer as
    /// it is now, so the operator can see what changed and choose.
    case versionConflict(message: String, current: Customer)

    public enum TransportFailure: String, Sendable, Hashable {
        case timedOut = "timeout"
        case connectionRefused = "connection_refused"
        case cannotFindHost = "cannot_find_host"
        case connectionLost = "connection_lost"
        case secureConnectionFailed = "tls_error"
        case cancelled
        case other = "network_error"
    }

    /// The FlexPrice error code (or this client's own for failures without one).
    public var code: String {
        switch self {
        case .validation: "validation_error"
        case .notFound: "not_found"
        case .alreadyExists: "already_exists"
        case .invalidOperation: "invalid_operation"
        case .unauthorized: "unauthorized"
        case .forbidden: "permission_denied"
        case .server(let code, _, _, _): code
        case .transport(let failure, _): failure.rawValue
        case .invalidResponse: "invalid_response"
        case .versionConflict: Self.versionConflictCode
        }
    }

    /// The HTTP status the API gives (or would give) for this error; 0 when nothing answered.
    public var httpStatus: Int {
        switch self {
        case .validation, .invalidOperation: 400
        case .notFound: 404
        case .alreadyExists: 409
        case .unauthorized: 401
        case .forbidden: 403
        case .server(_, let status, _, _): status
        case .transport: 0
        case .invalidResponse(let status, _): status
        case .versionConflict: 412
        }
    }

    public var message: String {
        switch self {
        case .validation(let m, _), .notFound(let m, _), .alreadyExists(let m, _), .invalidOperation(let m, _),
             .unauthorized(let m), .forbidden(let m), .server(_, _, let m, _), .transport(_, let m),
             .invalidResponse(_, let m), .versionConflict(let m, _):
            m
        }
    }

    public var details: [String: String] {
        switch self {
        case .validation(_, let d), .notFound(_, let d), .alreadyExists(_, let d), .invalidOperation(_, let d),
             .server(_, _, _, let d):
            d
        default:
            [:]
        }
    }

    /// FlexPrice's code for a conditional write that found a newer version.
    public static let versionConflictCode = "version_conflict"

    /// A conditional update that found `current` in place of the version it was made against.
    public static func versionConflict(_ current: Customer) -> CustomerError {
        let who = current.updatedBy.isEmpty ? "someone else" : current.updatedBy
        return .versionConflict(message: "The customer was changed by \(who) at \(current.updatedAt.text) since it was read",
                                current: current)
    }

    /// The details that name a customer field, by field: where a form shows them.
    public var fieldErrors: [CustomerField: String] {
        var out: [CustomerField: String] = [:]
        for (key, text) in details {
            if let field = CustomerField(detailsKey: key) { out[field] = text }
        }
        return out
    }

    /// A validation error from the table's findings: message plus one entry per field.
    public static func validation(_ issues: [FieldIssue]) -> CustomerError {
        var fields: [String: String] = [:]
        for issue in issues where fields[issue.field.jsonName] == nil {
            fields[issue.field.jsonName] = issue.message
        }
        let message = issues.count == 1 ? issues[0].message : "Request validation failed"
        return .validation(message: message, fields: fields)
    }

    /// The FlexPrice error JSON for this error (what the CLI prints with `--json`).
    public var response: ErrorResponse {
        ErrorResponse(code: code, message: message, httpStatusCode: httpStatus, details: details)
    }

    /// One line for an operator: the message, then each field's problem.
    public var description: String {
        let fieldLines = details.keys.sorted().compactMap { key -> String? in
            let text = details[key]!
            if text == message { return nil }
            guard let field = CustomerField(detailsKey: key) else { return "\(key): \(text)" }
            return text.hasPrefix(field.label + ":") ? text : "\(field.label): \(text)"
        }
        return ([message] + fieldLines).joined(separator: "; ")
    }
}
