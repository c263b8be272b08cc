import CustomerKit
import Foundation
import TestSupport
import Testing

/// Named profiles in the config file: `--profile`, FLEXPRICE_PROFILE, the file's `profile`.
/// A profile's settings beat the environment's (one FLEXPRICE_* left in the shell must not
/// follow an operator into another profile); flags beat the profile.
@Suite struct ProfileTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    var storeA: String { sandbox.root + "/stores/a.sqlite" }
    var storeB: String { sandbox.root + "/stores/b.sqlite" }

    private func writeProfiles(default chosen: String? = nil) throws {
        var config: [String: Any] = ["profiles": ["sandbox": ["db": storeA], "production": ["db": storeB, "production": true]]]
        if let chosen { config["profile"] = chosen }
        try sandbox.writeJSON(sandbox.defaultConfigFile, config)
    }

    /// Creates one customer and returns which of the two stores it went to.
    private func createdIn(_ arguments: [String], environment: [String: String] = [:]) async throws -> [String] {
        let body = try sandbox.writeJSON("body-\(UUID().uuidString).json", ["external_id": "where-\(UUID().uuidString.prefix(8))"])
        let created = try await sandbox.run(["customers", "create", "--file", body, "--json"] + arguments, environment: environment)
        #expect(created.status == Exit.ok, "\(created)")
        return [storeA, storeB].filter { sandbox.exists($0) }.map { ($0 as NSString).lastPathComponent }
    }

    @Test func theProfileFlagTheVariableAndTheFilesDefaultChooseIt() async throws {
        try writeProfiles(default: "production")
        #expect(try await createdIn(["--profile", "sandbox"]) == ["a.sqlite"])
        try FileManager.default.removeItem(atPath: storeA)
        #expect(try await createdIn([], environment: ["FLEXPRICE_PROFILE": "sandbox"]) == ["a.sqlite"])
        try FileManager.default.removeItem(atPath: storeA)
        #expect(try await createdIn([]) == ["b.sqlite"], "the file's default profile")
    }

    @Test func theProfileBeatsTheEnvironmentAndAFlagBeatsTheProfile() async throws {
        try writeProfiles()
        let fromEnvironment = sandbox.root + "/stores/env.sqlite"
        #expect(try await createdIn(["--profile", "sandbox"], environment: ["FLEXPRICE_DB": fromEnvironment]) == ["a.sqlite"])
        #expect(!sandbox.exists(fromEnvironment))
        let flagged = sandbox.root + "/stores/flag.sqlite"
        _ = try await createdIn(["--profile", "sandbox", "--db", flagged])
        #expect(sandbox.exists(flagged))
    }

    @Test func anUnknownProfileIsRefusedNamingTheKnownOnes() async throws {
        try writeProfiles()
        let result = try await sandbox.run("customers", "list", "--profile", "prod")
        #expect(result.status == Exit.usage)
        #expect(result.err.contains(#"unknown profile "prod" (known: production, sandbox)"#), "\(result)")
        #expect(!sandbox.exists(storeA) && !sandbox.exists(storeB))
    }

    @Test func aProfileWithAnUnknownKeyOrAKeyByValueIsRefused() async throws {
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["profiles": ["prod": ["url": "https://x.example/v1", "enviroment_id": "e"]]])
        let typo = try await sandbox.run("customers", "list", "--profile", "prod")
        #expect(typo.status == Exit.usage)
        #expect(typo.err.contains(#"profiles.prod: unknown key "enviroment_id""#), "\(typo)")
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["profiles": ["prod": ["api_key": "sk_live_secret"]]])
        let secret = try await sandbox.run("customers", "list")
        #expect(secret.status == Exit.usage)
        #expect(secret.err.contains("profiles.prod.api_key must not be stored"), "\(secret)")
        #expect(!secret.err.contains("sk_live_secret"))
    }

    /// The key that reaches a profile's server is the profile's own, even with another key in
    /// the shell; without a key file of its own the profile uses FLEXPRICE_API_KEY as before.
    @Test func aProfilesKeyFileBeatsTheKeyInTheEnvironment() async throws {
        let server = try StubHTTPServer { _ in .json(200, #"{"items":[],"pagination":{"total":0,"limit":50,"offset":0}}"#) }
        defer { server.stop() }
        let keyFile = try sandbox.write("prod.key", "sk_profile_key\n", mode: 0o600)
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["profiles": [
            "prod": ["backend": "remote", "url": server.baseURL, "api_key_file": keyFile, "environment_id": "env_prod"],
            "other": ["backend": "remote", "url": server.baseURL],
        ]])
        let own = try await sandbox.run(["customers", "list", "--profile", "prod"], environment: ["FLEXPRICE_API_KEY": "sk_shell_key"])
        #expect(own.status == Exit.ok, "\(own)")
        let other = try await sandbox.run(["customers", "list", "--profile", "other"], environment: ["FLEXPRICE_API_KEY": "sk_shell_key"])
        #expect(other.status == Exit.ok, "\(other)")
        let sent = server.requests.map { ($0.headers["x-api-key"] ?? "", $0.headers["x-environment-id"] ?? "") }
        #expect(sent.count == 2)
        #expect(sent.first?.0 == "sk_profile_key" && sent.first?.1 == "env_prod")
        #expect(sent.last?.0 == "sk_shell_key")
    }
}
