import Hummingbird

/// Answers gin's plain 404 for a path with an empty segment (`/v1/customers/`, `/v1//customers`):
/// Hummingbird's router skips empty segments and would serve them as the route without one,
/// while the live server redirects them and this server documents a 404.
///
/// The one exception is the rest of `GET /v1/customers/external/...`, which is an external id
/// taken whole (`a//b` and `a/` are ids like any other).
struct StrictPathMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static let externalPrefix = "/v1/customers/external/"

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isRoutable(request.uri.path) else { throw APIError.routeNotFound }
        return try await next(request, context)
    }

    static func isRoutable(_ path: String) -> Bool {
        if path == "/" { return true }
        if path.hasPrefix(externalPrefix) { return path.utf8.count > externalPrefix.utf8.count }
        return !path.hasSuffix("/") && !path.contains("//")
    }
}
