import Foundation

/// One HTTP request to the API, described before it becomes a `URLRequest`: the method,
/// the path below the base URL as unencoded segments, query items and an optional JSON body.
struct APIRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", put = "PUT", delete = "DELETE"
    }

    var method: Method
    /// e.g. `["customers", "external", "user 12"]`; each is percent-encoded on its own.
    var path: [String]
    var query: [(name: String, value: String)]
    var body: Data?
    /// Whether sending the request twice does no harm: every GET, PUT and DELETE, and the
    /// search POST, but never a create, whose lost answer may hide a created customer.
    /// Retries (a later addition to `HTTPTransport.send`) may only repeat these.
    var mayRepeat: Bool
    /// Headers beyond the ones every request carries (`HTTPTransport` sets those), such as a
    /// conditional update's `If-Match`.
    var headers: [(name: String, value: String)] = []

    init(_ method: Method, _ path: [String], query: [(name: String, value: String)] = [], body: Data? = nil,
         mayRepeat: Bool? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.mayRepeat = mayRepeat ?? (method != .post)
    }

    /// The request's URL below `base` (which has no trailing `/`).
    func url(base: String) -> URL? {
        var text = base + "/" + path.map(PercentEncoding.segment).joined(separator: "/")
        if !query.isEmpty {
            text += "?" + query.map {
                PercentEncoding.queryComponent($0.name) + "=" + PercentEncoding.queryComponent($0.value)
            }.joined(separator: "&")
        }
        return URL(string: text)
    }

    /// "PUT /customers/{id}"-style text for messages: method and unencoded path, no query
    /// (query values are operator data, and messages stay short).
    var summary: String { "\(method.rawValue) /\(path.joined(separator: "/"))" }
}

/// What came back: status, headers (names lower-cased) and the body.
struct APIResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var isSuccess: Bool { (200..<300).contains(status) }

    func header(_ name: String) -> String? { headers[name.lowercased()] }
}
