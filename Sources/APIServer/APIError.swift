import CustomerKit
import Foundation
import Hummingbird
import LocalStore

/// A failure with its HTTP answer. Handlers throw `CustomerError` (the backends' and the
/// validation table's errors) or this; `ErrorMiddleware` turns either into a response.
struct APIError: Error, Sendable {
    enum Body: Sendable {
        /// The FlexPrice error JSON.
        case json(ErrorResponse)
        /// `version_conflict`: the error JSON plus the customer as it is now (`customer`) and its
        /// `ETag`, so that a client can show what changed without reading it again.
        case conflict(ErrorResponse, current: Customer)
        /// gin's plain-text answer for an unknown route (`404 page not found`), which clients
        /// such as the console read as "wrong base URL".
        case plain(String)
    }

    let status: Int
    let body: Body

    init(status: Int, code: String, message: String, details: [String: String] = [:]) {
        self.status = status
        body = .json(ErrorResponse(code: code, message: message, httpStatusCode: status, details: details))
    }

    init(_ error: CustomerError) {
        // Errors without an HTTP status of their own (a cancelled database call) are the server's.
        let status = (400...599).contains(error.httpStatus) ? error.httpStatus : 500
        guard status < 500 else {
            self = .serverFailure(code: error.code, status: status)
            return
        }
        var response = error.response
        response.httpStatusCode = status
        self.status = status
        if case .versionConflict(_, let current) = error {
            body = .conflict(response, current: current)
        } else {
            body = .json(response)
        }
    }

    /// The answer to a failure of the server's own: the code and a message written here,
    /// never the failure's own words or details. Those can hold SQLite's text, a file path or
    /// a query's shape; `ErrorMiddleware` logs them with the request id instead.
    static func serverFailure(code: String, status: Int) -> APIError {
        let message = switch (code, status) {
        case ("service_unavailable", _), (_, 503):
            "The customer database is busy: another process has held it for more than "
                + "\(Int(LocalCustomerStore.busyTimeout)) seconds. Try again."
        case ("database_error", _):
            "The customer database could not complete the request; the server's log has the details"
        default:
            "An unexpected error occurred"
        }
        let known = ["service_unavailable", "database_error", "internal_error", "system_error"]
        return APIError(status: status, code: known.contains(code) ? code : "internal_error", message: message)
    }

    private init(status: Int, plain: String) {
        self.status = status
        body = .plain(plain)
    }

    static let routeNotFound = APIError(status: 404, plain: "404 page not found")

    static func invalidRequest(_ details: [String: String] = [:]) -> APIError {
        APIError(status: 400, code: "validation_error", message: "Invalid request format", details: details)
    }

    static func invalidFilter(_ details: [String: String]) -> APIError {
        APIError(status: 400, code: "validation_error", message: "Invalid filter parameters", details: details)
    }

    static let tooLarge = APIError(status: 413, code: "request_too_large",
                                   message: "The request body is larger than \(APIServer.maxBodyBytes) bytes")

    static let internalError = APIError(status: 500, code: "internal_error", message: "An unexpected error occurred")

    /// The request's work did not finish within the server's request timeout and was stopped.
    static func deadlinePassed(_ timeout: Duration) -> APIError {
        APIError(status: 503, code: "service_unavailable",
                 message: "The request took longer than the server allows (\(ServerLimits.text(timeout)) s) and was "
                     + "stopped; try again, or ask for less (a smaller limit, fewer filters)")
    }

    /// The client closed its connection before the answer: its work was stopped. Nobody reads
    /// this answer; 499 is what the access log shows (nginx's "client closed request").
    static let clientGone = APIError(status: 499, code: "client_closed_request",
                                     message: "The client closed the connection before the answer")

    var response: Response {
        switch body {
        case .json(let error):
            return JSONResponse.make(status: status, data: CustomerJSON.encode(error))
        case .conflict(let error, let current):
            // The error object with one more member: `{...,"customer":{...}}`.
            var data = CustomerJSON.encode(error)
            data.removeLast()
            data.append(contentsOf: Array(#","customer":"#.utf8))
            data.append(CustomerJSONWriter.data(current))
            data.append(UInt8(ascii: "}"))
            var response = JSONResponse.make(status: status, data: data)
            response.headers[CustomerVersionTag.etag] = CustomerVersionTag.tag(current)
            return response
        case .plain(let text):
            var headers = HTTPFields()
            headers[.contentType] = "text/plain"
            return Response(status: .init(code: status), headers: headers,
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}

/// JSON answers: the project's encoder (sorted keys, slashes unescaped), gin's content type.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func make(status: Int, data: Data) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .init(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func make<T: Encodable>(status: Int = 200, _ value: T) -> Response {
        make(status: status, data: CustomerJSON.encode(value))
    }

    /// A customer, with its version as the `ETag` (see `CustomerVersionTag`).
    static func customer(status: Int = 200, _ customer: Customer) -> Response {
        var response = make(status: status, data: CustomerJSONWriter.data(customer))
        response.headers[CustomerVersionTag.etag] = CustomerVersionTag.tag(customer)
        return response
    }

    static func list(_ list: ListCustomersResponse) -> Response {
        make(status: 200, data: CustomerJSONWriter.data(list))
    }
}
