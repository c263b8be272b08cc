import CustomerKit
import Foundation
import HTTPTypes
import Hummingbird

/// Guards the `/v1` routes: finds the environment of the presented API key and hands the
/// handlers that environment's store, and no other.
///
/// The key is read from `x-api-key`, else from `Authorization: Bearer <key>` (the product
/// documents show both). A refusal is a 401 whose words depend only on what the request sent
/// (no key, a malformed header, a key that is not accepted), never on which keys or
/// environments exist. `X-Environment-ID`, which the live server
/// needs for some keys, is accepted when it names the key's own environment; any other value
/// gets the live server's 403.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let access: APIAccess
    let stores: EnvironmentStores

    static let apiKeyHeader = HTTPField.Name("x-api-key")!
    static let environmentHeader = HTTPField.Name("X-Environment-ID")!

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let environment: String
        switch access {
        case .open(let only):
            environment = only
        case .keys(let ring):
            environment = try Self.environment(of: request, in: ring)
        }
        if let asked = request.headers[Self.environmentHeader], !asked.isEmpty, asked != environment {
            throw APIError(status: 403, code: "permission_denied", message: "Invalid or inaccessible environment")
        }
        guard let store = stores.store(for: environment) else {
            throw APIError(status: 401, code: "unauthorized", message: "Invalid API key")
        }
        var context = context
        context.store = store
        return try await next(request, context)
    }

    static func environment(of request: Request, in ring: APIKeyring) throws -> String {
        let header = request.headers[apiKeyHeader].flatMap { $0.isEmpty ? nil : $0 }
        if let header, let environment = ring.environment(forKey: header) { return environment }
        if let authorization = request.headers[.authorization], !authorization.isEmpty {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw unauthorized("Invalid authorization header format: use Authorization: Bearer <key>")
            }
            let token = parts[1].trimmingCharacters(in: .whitespaces)
            if let environment = ring.environment(forKey: token) { return environment }
            throw unauthorized("Invalid API key")
        }
        throw unauthorized(header == nil ? "Missing API key: send it in the x-api-key header" : "Invalid API key")
    }

    private static func unauthorized(_ message: String) -> APIError {
        APIError(status: 401, code: "unauthorized", message: message)
    }
}
