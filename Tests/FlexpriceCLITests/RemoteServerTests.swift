import CustomerKit
import Foundation
import Testing
import TestSupport

/// The remote backend against a loopback stub: what the CLI sends (key, environment, body),
/// that `--json` passes the server's JSON through, and how server errors become exit codes.
@Suite struct RemoteServerTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    static let key = "sk_test_stub_KEY_0f9e8d7c6b"
    static let id = "cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3"
    /// A customer as the live server writes it: nanoseconds, and a key this client does not model.
    static let customerJSON = """
        {"id":"\(id)","external_id":"srv-1","name":"Server Co","email":"s@example.com",\
        "address_line1":"","address_line2":"","address_city":"","address_state":"","address_postal_code":"",\
        "address_country":"US","timezone":"UTC","metadata":{"k":"v"},"environment_id":"env_test",\
        "tenant_id":"tenant_1","status":"published","created_at":"2025-08-20T10:00:00.123456789Z",\
        "updated_at":"2025-08-20T10:00:00.123456789Z","created_by":"api","updated_by":"api",\
        "future_field":{"nested":[1,2]}}
        """

    func remoteEnvironment(_ server: StubHTTPServer) -> [String: String] {
        ["FLEXPRICE_BACKEND": "remote", "FLEXPRICE_API_URL": server.baseURL, "FLEXPRICE_API_KEY": Self.key,
         "FLEXPRICE_ENVIRONMENT_ID": "env_test"]
    }

    func jsonObject(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test func getWithAKeyFilePassesTheServersJSONThrough() async throws {
        let server = try StubHTTPServer { _ in .json(200, Self.customerJSON) }
        defer { server.stop() }
        let keyFile = try sandbox.write("secrets/key", Self.key + "\n", mode: 0o600)
        let config = try sandbox.writeJSON("config.json", ["backend": "remote", "url": server.baseURL,
                                                           "api_key_file": keyFile, "environment_id": "env_test"])
        let result = try await sandbox.run("customers", "get", Self.id, "--json", "--config", config)
        #expect(result.status == Exit.ok, "\(result)")
        #expect(try jsonObject(result.stdout) == jsonObject(Data(Self.customerJSON.utf8)))
        #expect(!result.all.contains(Self.key))

        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.target == "/v1/customers/\(Self.id)")
        #expect(request.headers["x-api-key"] == Self.key)  // read from the file, newline trimmed
        #expect(request.headers["x-environment-id"] == "env_test")

        let human = try await sandbox.run("customers", "get", Self.id, "--config", config)
        #expect(human.status == Exit.ok, "\(human)")
        #expect(detailRows(human.out)["Name"] == "Server Co")
        #expect(!human.all.contains(Self.key))
    }

    @Test func listAsksTheSearchRouteAndPrintsTheListShape() async throws {
        let list = #"{"items":[\#(Self.customerJSON)],"pagination":{"total":1,"limit":20,"offset":30}}"#
        let server = try StubHTTPServer { _ in .json(200, list) }
        defer { server.stop() }
        let result = try await sandbox.run(["customers", "list", "--json", "--limit", "20", "--offset", "10"],
                                           environment: remoteEnvironment(server))
        #expect(result.status == Exit.ok, "\(result)")
        let printed = try result.list
        #expect(printed.items.map(\.id) == [Self.id])
        #expect(printed.pagination == .init(total: 1, limit: 20, offset: 30))

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.target == "/v1/customers/search")
        let body = try jsonObject(request.body)
        #expect(body["limit"] as? Int == 20)
        #expect(body["offset"] as? Int == 10)

        let human = try await sandbox.run(["customers", "list", "--limit", "20", "--offset", "10"],
                                          environment: remoteEnvironment(server))
        #expect(human.out.contains(Self.id))
        #expect(human.out.hasSuffix("11\u{2013}11 of 1\n"))
    }

    @Test func createSendsTheBodyAndDeleteWithJSONPrintsNothing() async throws {
        let server = try StubHTTPServer { request in
            request.method == "DELETE" ? .json(204, "") : .json(201, Self.customerJSON)
        }
        defer { server.stop() }
        let created = try await sandbox.run(["customers", "create", "--file", "-", "--json"],
                                            stdin: #"{"external_id":"srv-1","name":"Server Co","metadata":{"k":"v"}}"#,
                                            environment: remoteEnvironment(server))
        #expect(created.status == Exit.ok, "\(created)")
        #expect(try created.customer.id == Self.id)
        let post = try #require(server.requests.first)
        #expect(post.method == "POST")
        #expect(post.target == "/v1/customers")
        let sent = try jsonObject(post.body)
        #expect(sent == ["external_id": "srv-1", "name": "Server Co", "metadata": ["k": "v"]] as NSDictionary)

        let deleted = try await sandbox.run(["customers", "delete", Self.id, "--json"],
                                            environment: remoteEnvironment(server))
        #expect(deleted.status == Exit.ok, "\(deleted)")
        #expect(deleted.stdout.isEmpty)
        #expect(deleted.stderr.isEmpty)
        #expect(server.requests.last?.method == "DELETE")
        #expect(server.requests.last?.target == "/v1/customers/\(Self.id)")
    }

    @Test(arguments: [
        (401, #"{"error":"invalid api key \#(key)"}"#, Exit.access, "unauthorized"),
        (403, #"{"message":"forbidden for \#(key)"}"#, Exit.access, "permission_denied"),
        (404, #"{"code":"not_found","message":"Customer with ID \#(id) was not found","http_status_code":404,"details":{"customer_id":"\#(id)"}}"#,
         Exit.notFound, "not_found"),
        (409, #"{"code":"already_exists","message":"A customer with this identifier already exists","http_status_code":409,"details":{"external_id":"srv-1"}}"#,
         Exit.conflict, "already_exists"),
        (500, #"{"code":"database_error","message":"Failed to get customer","http_status_code":500}"#,
         Exit.unavailable, "database_error"),
        (502, "<html>bad gateway</html>", Exit.unavailable, "http_502"),
    ])
    func serverErrorsBecomeExitCodesWithoutTheKey(status: Int, body: String, exit: Int32, code: String) async throws {
        let server = try StubHTTPServer { _ in .json(status, body) }
        defer { server.stop() }
        let human = try await sandbox.run(["customers", "get", Self.id], environment: remoteEnvironment(server))
        #expect(human.status == exit, "\(human)")
        #expect(human.stdout.isEmpty)
        #expect(human.err.hasPrefix("error: "))
        #expect(!human.all.contains(Self.key), "\(human)")

        let json = try await sandbox.run(["customers", "get", Self.id, "--json"], environment: remoteEnvironment(server))
        #expect(json.status == exit)
        #expect(try json.errorJSON.code == code, "\(json)")
        #expect(!json.all.contains(Self.key))
    }

    @Test func theServersFieldErrorsAreNamedInOperatorWords() async throws {
        let body = """
            {"code":"validation_error","message":"Request validation failed","http_status_code":400,"details":{\
            "Name":"Key: 'CreateCustomerRequest.Name' Error:Field validation for 'Name' failed on the 'required' tag",\
            "AddressCountry":"Key: 'CreateCustomerRequest.AddressCountry' Error:Field validation for 'AddressCountry' failed on the 'iso3166_1_alpha2' tag"}}
            """
        let server = try StubHTTPServer { _ in .json(400, body) }
        defer { server.stop() }
        let input = #"{"external_id":"no-name","address_country":"XK"}"#
        let human = try await sandbox.run(["customers", "create", "--file", "-"], stdin: input,
                                          environment: remoteEnvironment(server))
        #expect(human.status == Exit.validation, "\(human)")
        #expect(human.err.contains("name: Name: required"), "\(human.err)")
        #expect(human.err.contains("address_country: Country:"), "\(human.err)")

        let json = try await sandbox.run(["customers", "create", "--file", "-", "--json"], stdin: input,
                                         environment: remoteEnvironment(server))
        #expect(try json.errorJSON.details.map { Set($0.keys) } == ["name", "address_country"])
    }
}
