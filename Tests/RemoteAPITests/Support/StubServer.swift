import FlyingFox
import Foundation
import RemoteAPI

/// One request as the stub received it: the raw (still percent-encoded) path and query, so
/// tests see exactly what the client put on the wire.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    /// Lower-cased names.
    var headers: [String: String]
    var body: Data

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as a JSON object (nil when it is not one).
    func bodyObject() -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    /// The body decoded into a test type.
    func decodeBody<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }
}

/// Everything the stub received, in arrival order.
actor RequestLog {
    private(set) var requests: [RecordedRequest] = []
    func append(_ request: RecordedRequest) { requests.append(request) }
}

/// A FlyingFox HTTP server on 127.0.0.1 and a free port, answering every request with a
/// test's responder and recording what came in.
final class StubServer: Sendable {
    typealias Responder = @Sendable (RecordedRequest) async throws -> HTTPResponse

    let port: UInt16
    let log = RequestLog()
    private let server: HTTPServer
    private let runTask: Task<Void, any Error>

    private init(server: HTTPServer, port: UInt16, runTask: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.runTask = runTask
    }

    /// The API root as a client configures it (with the `/v1` prefix).
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    var requests: [RecordedRequest] { get async { await log.requests } }

    /// A client for this stub with the test key and environment. Retries keep their limits
    /// but skip the waits (`RetryPolicy.instant`), so tests of 5xx answers stay fast. The
    /// timeout is patient: on a busy machine the stub may answer late, and a test that is not
    /// about timeouts must not turn that into retries (those that are set their own).
    func client(apiKey: String? = TestKeys.apiKey, environmentID: String? = TestKeys.environmentID,
                timeout: TimeInterval = 60, baseURL: String? = nil, policy: RetryPolicy = .instant) -> RemoteCustomerClient {
        RemoteCustomerClient(configuration: RemoteConfiguration(
            baseURL: baseURL ?? self.baseURL, apiKey: apiKey, environmentID: environmentID, timeout: timeout),
                             retryPolicy: policy)
    }

    static func start(_ responder: @escaping Responder) async throws -> StubServer {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        let runTask = Task { try await server.run() }
        // Generous: the whole suite shares two cores, and a busy machine must not fail a test.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let port)? = await server.listeningAddress else {
            runTask.cancel()
            throw StubError.noPort
        }
        let stub = StubServer(server: server, port: port, runTask: runTask)
        await server.appendRoute("*") { [log = stub.log] (request: HTTPRequest) async throws -> HTTPResponse in
            let recorded = RecordedRequest(
                method: request.method.rawValue,
                path: request.target.path(percentEncoded: true),
                query: request.target.query(percentEncoded: true),
                headers: Dictionary(request.headers.map { ($0.key.rawValue.lowercased(), $0.value) },
                                    uniquingKeysWith: { first, _ in first }),
                body: try await request.bodyData)
            await log.append(recorded)
            return try await responder(recorded)
        }
        return stub
    }

    func stop() async {
        await server.stop(timeout: 0)
        runTask.cancel()
    }

    enum StubError: Error { case noPort }
}

/// Runs `body` against a fresh stub and always stops it.
@discardableResult
func withStub<T>(_ responder: @escaping StubServer.Responder,
                 _ body: (StubServer) async throws -> T) async throws -> T {
    let stub = try await StubServer.start(responder)
    do {
        let result = try await body(stub)
        await stub.stop()
        return result
    } catch {
        await stub.stop()
        throw error
    }
}

enum TestKeys {
    /// Long and distinctive, so a leak is easy to find in any text.
    static let apiKey = "sk_01K3TESTSECRETKEYDONOTLEAK42"
    static let environmentID = "env_01K3B7Q9Z5M2X8D4N6P0R1S2T3"
}

extension HTTPResponse {
    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> HTTPResponse {
        make(status, body, contentType: "application/json; charset=utf-8", headers: headers)
    }

    static func text(_ status: Int, _ body: String) -> HTTPResponse {
        make(status, body, contentType: "text/plain")
    }

    static func html(_ status: Int, _ body: String) -> HTTPResponse {
        make(status, body, contentType: "text/html")
    }

    static func empty(_ status: Int, headers: [String: String] = [:]) -> HTTPResponse {
        make(status, "", contentType: nil, headers: headers)
    }

    private static func make(_ status: Int, _ body: String, contentType: String?,
                             headers: [String: String] = [:]) -> HTTPResponse {
        var all = HTTPHeaders()
        if let contentType { all[HTTPHeader("Content-Type")] = contentType }
        for (name, value) in headers { all[HTTPHeader(name)] = value }
        all[HTTPHeader("X-Request-ID")] = "req-stub"
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: phrase(status)), headers: all,
                            body: Data(body.utf8))
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 307: "Temporary Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        default: "Status"
        }
    }
}
