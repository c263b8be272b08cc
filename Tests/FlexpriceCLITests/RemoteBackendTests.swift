import CustomerKit
import Foundation
import Testing

/// The remote backend with nothing listening: every command fails as "unavailable" (7),
/// names the host, and never prints the API key.
@Suite struct RemoteBackendTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    static let key = "sk_test_NEVER_PRINT_ME_8d1e4b"
    var remote: [String: String] {
        ["FLEXPRICE_BACKEND": "remote", "FLEXPRICE_API_URL": "http://127.0.0.1:1/v1", "FLEXPRICE_API_KEY": Self.key,
         "FLEXPRICE_ENVIRONMENT_ID": "env_test"]
    }

    @Test(arguments: [
        ["customers", "list"],
        ["customers", "list", "--search", "acme"],
        ["customers", "get", "cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3"],
        ["customers", "get", "--external-id", "acct-1"],
        ["customers", "create", "--file", "-"],
        ["customers", "update", "cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3", "--file", "-"],
        ["customers", "delete", "cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3"],
    ])
    func noServerIsUnavailableNamingTheHost(arguments: [String]) async throws {
        let stdin = #"{"external_id":"acct-1","name":"Remote Co"}"#
        let result = try await sandbox.run(arguments, stdin: stdin, environment: remote)
        #expect(result.status == Exit.unavailable, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.err.hasPrefix("error: "))
        #expect(result.err.contains("127.0.0.1:1"), "\(result.err)")
        #expect(!result.all.contains(Self.key))
        // The local store was never opened.
        #expect(!sandbox.exists(sandbox.defaultDatabase))

        let json = try await sandbox.run(arguments + ["--json"], stdin: stdin, environment: remote)
        #expect(json.status == Exit.unavailable, "\(json)")
        #expect(json.stdout.isEmpty)
        let error = try json.errorJSON
        #expect(error.code == "connection_refused")
        #expect(error.message.contains("127.0.0.1:1"))
        #expect(!json.all.contains(Self.key))
    }

    @Test func validationHappensBeforeAnyRequest() async throws {
        let result = try await sandbox.run(["customers", "create", "--file", "-", "--json"],
                                           stdin: #"{"external_id":"r","email":"nope"}"#, environment: remote)
        #expect(result.status == Exit.validation, "\(result)")
        #expect(try result.errorJSON.details?.keys.sorted() == ["email"])
    }

    @Test func withoutAKeyTheRemoteBackendRefusesBeforeConnecting() async throws {
        var environment = remote
        environment["FLEXPRICE_API_KEY"] = nil
        let result = try await sandbox.run(["customers", "list", "--json"], environment: environment)
        #expect(result.status == Exit.access, "\(result)")
        let error = try result.errorJSON
        #expect(error.code == "unauthorized")
        #expect(error.message.contains("FLEXPRICE_API_KEY"))
    }

    @Test func aKeyWithControlCharactersIsRefusedWithoutEchoingIt() async throws {
        var environment = remote
        environment["FLEXPRICE_API_KEY"] = "sk_bad key\u{1B}[31m_123456"
        let result = try await sandbox.run(["customers", "list"], environment: environment)
        #expect(result.status == Exit.access, "\(result)")
        #expect(!result.all.contains("sk_bad"))
        #expect(!contains(result.stderr, [0x1B]))
    }
}
