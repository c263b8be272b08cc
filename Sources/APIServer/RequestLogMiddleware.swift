import CustomerKit
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost middleware: gives every request its id (the client's `X-Request-ID` when it
/// is sane, else a new one), echoes it on the response, and writes one access-log line per
/// request: method, path (without the query, which can hold customer data), status, duration
/// and request id. Headers are never logged, so neither is an API key.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let logger: Logger

    static let requestIDHeader = HTTPField.Name("X-Request-ID")!

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var context = context
        let requestID = Self.acceptable(request.headers[Self.requestIDHeader]) ?? context.id
        context.requestID = requestID
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ErrorMiddleware answers every route's errors; this only guards against a bug there.
            response = ErrorMiddleware.apiError(for: error).response
        }
        response.headers[Self.requestIDHeader] = requestID
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000
            + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "duration_ms": .string(String(format: "%.3f", milliseconds)),
            "request_id": .string(requestID),
        ])
        return response
    }

    /// A client's request id is kept if it is 1-128 visible ASCII characters: anything else
    /// could forge log lines or bloat them.
    static func acceptable(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}
