import CustomerKit
import Hummingbird
import Logging

/// Turns whatever a route threw into its HTTP answer, so that every error a client sees has
/// the FlexPrice shape (or gin's plain 404 for an unknown route) and nothing reaches the
/// framework's empty 500. Errors the server did not expect are logged with the request id.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = Self.apiError(for: error)
            if failure.status >= 500 {
                logger.error("request failed", metadata: [
                    "request_id": .string(context.requestID), "error": .string(String(describing: error)),
                ])
            }
            return failure.response
        }
    }

    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as CustomerError:
            return APIError(error)
        case let error as any HTTPResponseError where error.status == .notFound:
            return .routeNotFound
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            // A body over the limit, whether announced by Content-Length or found while reading.
            return .tooLarge
        case let error as HTTPError where (400..<500).contains(error.status.code):
            return APIError(status: error.status.code, code: "validation_error",
                            message: error.body ?? error.status.reasonPhrase)
        default:
            return .internalError
        }
    }
}
