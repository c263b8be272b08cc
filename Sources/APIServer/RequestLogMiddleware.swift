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
    /// Says that this project's server answered (which keeps what the live FlexPrice server
    /// drops, integration mappings): the console edits them only where they are kept.
    static let serverHeader = HTTPField.Name("X-FlexPrice-Console-API")!

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
        response.headers[Self.serverHeader] = "1"
        let elapsed = start.duration(to: .now)
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        // One line, fields in a fixed order, built here: no metadata dictionary to sort per request.
        logger.info("""
            request method=\(request.method.rawValue) path=\(request.uri.path) status=\(response.status.code) \
            duration_ms=\(Self.milliseconds(micros)) request_id=\(requestID)
            """)
        return response
    }

    /// "0.412": microseconds as milliseconds with three decimals (String(format:) is slow on Linux).
    static func milliseconds(_ micros: Int64) -> String {
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// A client's request id is kept if it is 1-128 visible ASCII characters: anything else
    /// could forge log lines or bloat them.
    static func acceptable(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= 128,
              value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return value
    }
}
