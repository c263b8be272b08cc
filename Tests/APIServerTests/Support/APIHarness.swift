import APIServer
import CustomerKit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LocalStore
import Logging
import Testing

/// A server over a fresh store file with two keyed environments (or open access), driven
/// through HummingbirdTesting. Its access log goes to a file the test can read.
struct APIHarness: Sendable {
    static let keyA = "sk_test_environment_a_0001"
    static let keyB = "sk_test_environment_b_0002"

    let folder = TestFolder()
    let stores: EnvironmentStores
    let access: APIAccess
    let logPath: String
    let limits: ServerLimits
    /// The environments' gates, so that a test can fill one.
    let gates: EnvironmentGates

    init(open: Bool = false, limits: ServerLimits = .defaults) throws {
        self.limits = limits
        gates = EnvironmentGates(environments: ["env_a", "env_b"], permits: limits.requestsPerEnvironment)
        var ring = APIKeyring()
        try ring.add(environmentID: "env_a", key: Self.keyA)
        try ring.add(environmentID: "env_b", key: Self.keyB)
        access = open ? .open(environmentID: "env_a") : .keys(ring)
        stores = try EnvironmentStores(path: folder.file("customers.sqlite"), environments: ["env_a", "env_b"],
                                       operator: "api-test")
        logPath = folder.file("access.log")
    }

    var logger: Logger {
        let sink = try! LineLogHandler.Sink.file(logPath)
        return Logger(label: "api-test") { label in LineLogHandler(label: label, sink: sink) }
    }

    /// The application as `flexprice-console-api` builds it: its router, and its connection
    /// guards when it listens (`runLive`).
    func application() -> some ApplicationProtocol {
        Application(router: APIServer.makeRouter(stores: stores, access: access, logger: logger, limits: limits,
                                                 gates: gates),
                    server: APIServer.server(limits),
                    configuration: APIServer.configuration(host: "127.0.0.1", port: 0, limits: limits),
                    logger: logger)
    }

    /// Runs `body` against the router in process (no sockets).
    func run(_ body: @Sendable (APIClient) async throws -> Void) async throws {
        try await application().test(.router) { client in try await body(APIClient(client: client)) }
    }

    /// Runs `body` against the server listening on a loopback port.
    func runLive(_ body: @Sendable (APIClient, Int) async throws -> Void) async throws {
        try await application().test(.live) { client in try await body(APIClient(client: client), client.port!) }
    }

    var logText: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func store(_ environment: String) -> LocalCustomerStore { stores.store(for: environment)! }
}

/// Requests with a key (env_a's by default) and JSON bodies; answers as `Reply`.
struct APIClient: Sendable {
    let client: any TestClientProtocol

    @discardableResult
    func send(_ method: HTTPRequest.Method, _ uri: String, key: String? = APIHarness.keyA, json: String? = nil,
              headers extra: [String: String] = [:]) async throws -> Reply {
        var headers = HTTPFields()
        if let key { headers[HTTPField.Name("x-api-key")!] = key }
        if json != nil { headers[.contentType] = "application/json" }
        for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
        let body = json.map { ByteBuffer(string: $0) }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: Int(response.status.code), headers: response.headers,
                     body: Data(buffer: response.body))
    }

    /// Creates a customer and returns its JSON (expects 201).
    @discardableResult
    func create(_ json: String, key: String = APIHarness.keyA) async throws -> [String: Any] {
        let reply = try await send(.post, "/v1/customers", key: key, json: json)
        #expect(reply.status == 201, "\(reply.text)")
        return reply.object
    }
}

struct Reply: Sendable {
    let status: Int
    let headers: HTTPFields
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var error: ErrorResponse? { try? JSONDecoder().decode(ErrorResponse.self, from: body) }
    var details: [String: String] { error?.details ?? [:] }
    var list: ListCustomersResponse? { try? JSONDecoder().decode(ListCustomersResponse.self, from: body) }
    var externalIDs: [String] { list?.items.map(\.externalID) ?? [] }
    var customer: Customer? { try? JSONDecoder().decode(Customer.self, from: body) }
    func header(_ name: String) -> String? { headers[HTTPField.Name(name)!] }
}

extension Data {
    init(buffer: ByteBuffer) { self = Data(buffer.readableBytesView) }
}

/// A folder under the temporary directory, removed with the last copy of this value.
final class TestFolder: Sendable {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("api-tests-\(UUID().uuidString)")
    init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// `{"k": v}` JSON text from a dictionary literal (sorted keys, for readable expectations).
func jsonText(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
}
