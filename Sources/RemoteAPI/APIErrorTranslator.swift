import CustomerKit
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Turns an HTTP answer that is not a success into a `CustomerError` an operator can act on.
///
/// The live server has several error shapes (contract sections 1, 2 and 12): its standard
/// `{"code","message","http_status_code","details"}`; the auth middleware's
/// `{"error": ...}` / `{"message": ...}`; gin's plain-text `404 page not found` for an unknown
/// route; and whatever a proxy in front of it sends (an HTML 502, an empty 500).
enum APIErrorTranslator {
    /// Where the request went, for messages: the displayable base URL and the request itself.
    struct Context {
        var request: APIRequest
        var displayBaseURL: String
    }

    static func translate(_ response: APIResponse, _ context: Context) -> CustomerError {
        let status = response.status
        let standard = try? CustomerJSON.decoder().decode(ErrorResponse.self, from: response.body)
        let loose = looseMessage(response.body)
        // A FlexPrice error without words (message missing or blank) says nothing: use the rest.
        let standardMessage = standard.map(\.message).flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        switch status {
        case 401:
            let said = standardMessage ?? loose ?? "Unauthorized"
            return .unauthorized(message: "\(said): the server did not accept the API key; "
                                 + "check FLEXPRICE_API_KEY (sent as the x-api-key header)")
        case 403:
            return .forbidden(message: forbiddenMessage(standardMessage ?? loose, context.request))
        case 300..<400:
            return redirect(response, context)
        default:
            break
        }
        if let standard { return fromStandard(standard, status: status) }
        if status == 404 {
            return routeNotFound(response, context)
        }
        let excerpt = BodyExcerpt.make(response.body)
        let phrase = statusPhrase(status)
        let what = excerpt.isEmpty ? "an empty body" : "a body that is not a FlexPrice error: \(excerpt)"
        if status >= 500 || status == 429 {
            return .server(code: "http_\(status)", status: status,
                           message: "The server answered HTTP \(status)\(phrase) with \(what)", details: [:])
        }
        return .invalidResponse(status: status, message: "Unexpected answer to \(context.request.summary): "
                                + "HTTP \(status)\(phrase) with \(what)")
    }

    /// The FlexPrice error shape, by code.
    static func fromStandard(_ error: ErrorResponse, status: Int) -> CustomerError {
        let details = error.details ?? [:]
        let blank = error.message.allSatisfy(\.isWhitespace)
        let message = blank ? "The server reported \(error.code.isEmpty ? "an error" : error.code)" : error.message
        switch error.code {
        case "validation_error":
            return ServerValidationTranslator.error(message: error.message, details: details)
        case "not_found":
            return .notFound(message: message, details: details)
        case "already_exists":
            var fields: [String: String] = [:]
            for (key, value) in details {
                if CustomerField(detailsKey: key) == .externalID {
                    fields[CustomerField.externalID.jsonName] =
                        "\(CustomerField.externalID.label): \"\(value)\" is already used by another customer"
                } else {
                    fields[key] = value
                }
            }
            return .alreadyExists(message: message, details: fields)
        case "invalid_operation":
            return .invalidOperation(message: message, details: details)
        case "permission_denied":
            return .forbidden(message: message)
        default:
            return .server(code: error.code, status: status, message: message, details: details)
        }
    }

    /// `{"error": "Access denied", "message": "..."}`, `{"message": "..."}` or `{"error": "..."}`
    /// joined into one line.
    static func looseMessage(_ body: Data) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        let parts = [object["error"] as? String, object["message"] as? String]
            .compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }

    private static func forbiddenMessage(_ said: String?, _ request: APIRequest) -> String {
        let said = said ?? "Access denied"
        let lower = said.lowercased()
        if lower.contains("environment") {
            return "\(said): check FLEXPRICE_ENVIRONMENT_ID (sent as X-Environment-ID); it must be the "
                + "API key's environment, and keys from the server's config need one"
        }
        if lower.contains("insufficient permissions") {
            let action = request.method == .get || request.path.last == "search" ? "do this" : "change customers"
            return "\(said): this API key may not \(action) (it needs the customer:write permission)"
        }
        return said
    }

    /// gin's `404 page not found`: the route does not exist, so the base URL is probably wrong.
    private static func routeNotFound(_ response: APIResponse, _ context: Context) -> CustomerError {
        let path = URLComponents(string: context.displayBaseURL)?.path ?? ""
        let versions = path.split(separator: "/").filter { $0 == "v1" }.count
        let hint: String
        if versions == 0 {
            hint = "the base URL probably lacks /v1 (e.g. https://us.api.flexprice.io/v1)"
        } else if versions > 1 {
            hint = "the base URL probably has an extra /v1"
        } else {
            hint = "the base URL should be the API root ending in /v1"
        }
        let excerpt = BodyExcerpt.make(response.body)
        let said = excerpt.isEmpty ? "HTTP 404" : "\"\(excerpt)\""
        return .invalidResponse(status: 404, message: "No API route for \(context.request.summary) at "
                                + "\(context.displayBaseURL) (the server answered \(said)): \(hint); "
                                + "check FLEXPRICE_API_URL")
    }

    private static func redirect(_ response: APIResponse, _ context: Context) -> CustomerError {
        var target = "another address"
        if let location = response.header("location"), var parts = URLComponents(string: location) {
            parts.query = nil
            parts.fragment = nil
            parts.user = nil
            parts.password = nil
            target = parts.string.map { BodyExcerpt.clean($0, limit: 160) } ?? target
        }
        return .invalidResponse(status: response.status, message: "The server redirected "
                                + "\(context.request.summary) to \(target) (HTTP \(response.status)); the request "
                                + "was not repeated there. Check FLEXPRICE_API_URL (now \(context.displayBaseURL))")
    }

    private static func statusPhrase(_ status: Int) -> String {
        let phrase = HTTPURLResponse.localizedString(forStatusCode: status)
        return phrase.isEmpty ? "" : " (\(phrase.capitalized))"
    }
}
