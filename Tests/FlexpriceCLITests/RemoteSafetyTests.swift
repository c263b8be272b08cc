import CustomerKit
import Foundation
import Testing
import TestSupport

/// The remote backend's safety settings from the command line: plain http only to this
/// machine unless asked, the key never a command-line value, the timeout configurable.
@Suite struct RemoteSafetyTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    static let key = "sk_test_NEVER_PRINT_ME_a41c07"
    static let plainRemote = "http://billing.example.invalid/v1"

    func remote(_ url: String) -> [String: String] {
        ["FLEXPRICE_BACKEND": "remote", "FLEXPRICE_API_URL": url, "FLEXPRICE_API_KEY": Self.key]
    }

    @Test func plainHTTPToAnotherHostIsRefusedNamingTheHostAndTheFlag() async throws {
        let result = try await sandbox.run(["customers", "list"], environment: remote(Self.plainRemote))
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains("billing.example.invalid"), "\(result.err)")
        #expect(result.err.contains("--allow-insecure-http"))
        #expect(!result.all.contains(Self.key))
        #expect(!sandbox.exists(sandbox.defaultDatabase))

        let json = try await sandbox.run(["customers", "get", "cust_1", "--json"], environment: remote(Self.plainRemote))
        #expect(json.status == Exit.usage, "\(json)")
        #expect(try json.errorJSON.code == "config_error")
    }

    /// With the flag (or the config key) the refusal is lifted. No key is set, so the client
    /// stops at "no API key" and nothing is sent anywhere.
    @Test func theFlagOrConfigKeyAllowsPlainHTTP() async throws {
        var environment = remote(Self.plainRemote)
        environment["FLEXPRICE_API_KEY"] = nil
        let flagged = try await sandbox.run(["customers", "list", "--allow-insecure-http", "--json"],
                                            environment: environment)
        #expect(flagged.status == Exit.access, "\(flagged)")
        #expect(try flagged.errorJSON.code == "unauthorized")

        let config = try sandbox.writeJSON("config.json", ["allow_insecure_http": true])
        let configured = try await sandbox.run(["customers", "list", "--config", config, "--json"],
                                               environment: environment)
        #expect(configured.status == Exit.access, "\(configured)")
    }

    @Test(arguments: ["http://127.0.0.1:1/v1", "http://localhost:1/v1", "http://[::1]:1/v1"])
    func plainHTTPToThisMachineNeedsNoFlag(url: String) async throws {
        let result = try await sandbox.run(["customers", "list", "--json"], environment: remote(url))
        // Nothing listens (and a machine without IPv6 cannot reach ::1): unavailable, not refused.
        #expect(result.status == Exit.unavailable, "\(result)")
        #expect(!result.err.contains("--allow-insecure-http"))
    }

    @Test(arguments: [["--api-key", key], ["--api-key=\(key)"], ["--key", key], ["--token", key]])
    func theKeyIsNotAcceptedAsACommandLineValue(arguments: [String]) async throws {
        let result = try await sandbox.run(["customers", "list"] + arguments)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains("Unknown option"), "\(result.err)")
        #expect(!result.all.contains(Self.key))  // not even echoed back in the usage error
        #expect(!sandbox.exists(sandbox.defaultDatabase))
    }

    @Test func helpOffersNoOptionForTheKey() async throws {
        for command in [["--help"], ["customers", "list", "--help"], ["customers", "create", "--help"]] {
            let result = try await sandbox.run(command)
            #expect(result.status == Exit.ok, "\(result)")
            let text = result.out.lowercased()
            #expect(!text.contains("--api-key") && !text.contains("--key") && !text.contains("--token"), "\(command)")
            #expect(result.out.contains("--allow-insecure-http"), "\(command)")
        }
    }

    /// A server that accepts the connection and never answers: each try ends after the
    /// configured second; three tries with short waits between take about 3.5 s.
    @Test func theTimeoutComesFromTheEnvironment() async throws {
        let (fd, port) = try LoopbackSockets.listening()
        defer { LoopbackSockets.closeSocket(fd) }
        var environment = remote("http://127.0.0.1:\(port)/v1")
        environment["FLEXPRICE_TIMEOUT_SECONDS"] = "1"
        // The message names the 1 s timeout from the environment (the default is 15 s); no wall
        // clock bound, which a busy machine would break.
        let result = try await sandbox.run(["customers", "get", "cust_1", "--json"], environment: environment,
                                           timeout: .seconds(120))
        #expect(result.status == Exit.unavailable, "\(result)")
        let error = try result.errorJSON
        #expect(error.code == "timeout")
        #expect(error.message.contains("within 1 s"), "\(error.message)")
        #expect(error.message.contains("tried 3 times"), "\(error.message)")
    }

    @Test(arguments: ["fast", "0", "-2", "nan", "inf"])
    func aBadTimeoutInTheEnvironmentIsAUsageError(value: String) async throws {
        var environment = remote("http://127.0.0.1:1/v1")
        environment["FLEXPRICE_TIMEOUT_SECONDS"] = value
        let result = try await sandbox.run(["customers", "list"], environment: environment)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains("FLEXPRICE_TIMEOUT_SECONDS"), "\(result.err)")
    }
}
