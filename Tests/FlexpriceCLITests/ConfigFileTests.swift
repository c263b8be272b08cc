import CustomerKit
import Foundation
import Testing

/// What the config file may and may not hold, and the API key file's permissions.
@Suite struct ConfigFileTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    static let deadURL = "http://127.0.0.1:1/v1"
    static let secret = "sk_live_TOPSECRET_5f2a9c7e1b"

    /// The repository's `config.example.json`.
    static var examplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config.example.json").path
    }

    @Test func anAPIKeyInTheConfigIsRefusedWithoutEchoingIt() async throws {
        let config = try sandbox.writeJSON("config.json", ["backend": "local", "api_key": Self.secret])
        let result = try await sandbox.run("customers", "list", "--config", config)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.err.contains("api_key must not be stored in the configuration file"))
        #expect(result.err.contains("FLEXPRICE_API_KEY"))
        #expect(result.err.contains("api_key_file"))
        #expect(!result.all.contains(Self.secret))
        #expect(!sandbox.exists(sandbox.defaultDatabase))

        // The default location is checked the same way.
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["api_key": Self.secret])
        let implicit = try await sandbox.run("customers", "list", "--json")
        #expect(implicit.status == Exit.usage, "\(implicit)")
        #expect(try implicit.errorJSON.code == "config_error")
        #expect(!implicit.all.contains(Self.secret))
    }

    @Test func anUnknownKeyIsRefusedByName() async throws {
        let config = try sandbox.writeJSON("config.json", ["backend": "local", "colour_scheme": "dark"])
        let result = try await sandbox.run("customers", "list", "--config", config)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains("unknown key \"colour_scheme\""), "\(result.err)")
        #expect(result.err.contains(config))
        #expect(!sandbox.exists(sandbox.defaultDatabase))
    }

    @Test func commentKeysAreAllowed() async throws {
        let config = try sandbox.writeJSON("config.json", ["_note": "hello", "_db": "comment", "db": sandbox.root + "/c.sqlite"])
        let result = try await sandbox.run("customers", "list", "--config", config)
        #expect(result.status == Exit.ok, "\(result)")
        #expect(sandbox.exists(sandbox.root + "/c.sqlite"))
    }

    @Test(arguments: [
        (#"{"db": x.sqlite}"#, "not valid JSON"),
        (#"["db"]"#, "must be a JSON object"),
        (#"{"timeout_seconds": "fast"}"#, "timeout_seconds"),
        (#"{"db": 12}"#, "db"),
        (#"{"timeout_seconds": 0}"#, "timeout_seconds must be more than 0"),
    ])
    func aBrokenConfigIsAUsageErrorSayingWhat(text: String, expected: String) async throws {
        let config = try sandbox.write("config.json", text)
        let result = try await sandbox.run("customers", "list", "--config", config)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains(expected), "\(result.err)")
        #expect(result.err.hasPrefix("error: "))
    }

    @Test func theExampleConfigLoads() async throws {
        let data = try #require(FileManager.default.contents(atPath: Self.examplePath), "no \(Self.examplePath)")
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // Keep every key; point the paths into the sandbox.
        #expect(object["db"] != nil && object["api_key_file"] != nil && object["log_file"] != nil)
        let keyFile = try sandbox.write("secrets/api-key", Self.secret + "\n", mode: 0o600)
        object["db"] = sandbox.root + "/example/customers.sqlite"
        object["api_key_file"] = keyFile
        object["log_file"] = sandbox.root + "/example/console.log"
        let config = try sandbox.writeJSON("example-config.json", object)

        let result = try await sandbox.run("customers", "list", "--config", config, "--json")
        #expect(result.status == Exit.ok, "\(result)")
        #expect(try result.list.items.isEmpty)
        #expect(sandbox.exists(sandbox.root + "/example/customers.sqlite"))
        #expect(!result.all.contains(Self.secret))
    }

    @Test func theExampleConfigLoadsAsShipped() async throws {
        // Unchanged, in the default location: its paths are under ~, which is the sandbox's HOME.
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        try sandbox.write(sandbox.defaultConfigFile, text)
        try sandbox.write(sandbox.home + "/.config/flexprice-console/api-key", Self.secret, mode: 0o600)
        let result = try await sandbox.run("customers", "list")
        #expect(result.status == Exit.ok, "\(result)")
        #expect(sandbox.exists(sandbox.home + "/.local/share/flexprice-console/customers.sqlite"))
    }

    @Test(arguments: [0o644, 0o640, 0o604])
    func aKeyFileOthersCanReadIsRefused(mode: Int) async throws {
        let keyFile = try sandbox.write("secrets/api-key", Self.secret, mode: mode)
        let config = try sandbox.writeJSON("config.json", ["api_key_file": keyFile])
        let result = try await sandbox.run("customers", "list", "--config", config, "--backend", "remote",
                                           "--url", Self.deadURL)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains(keyFile))
        #expect(result.err.contains("chmod 600"), "\(result.err)")
        #expect(!result.all.contains(Self.secret))
    }

    @Test func aPrivateKeyFileIsReadAndUsed() async throws {
        let keyFile = try sandbox.write("secrets/api-key", Self.secret + "\n", mode: 0o600)
        let config = try sandbox.writeJSON("config.json", ["api_key_file": keyFile])
        let arguments = ["customers", "list", "--config", config, "--backend", "remote", "--url", Self.deadURL]

        // With the key the request is attempted, and fails for want of a server (7) ...
        let result = try await sandbox.run(arguments)
        #expect(result.status == Exit.unavailable, "\(result)")
        #expect(result.err.contains("127.0.0.1:1"))
        #expect(!result.all.contains(Self.secret))
        let json = try await sandbox.run(arguments + ["--json"])
        #expect(json.status == Exit.unavailable)
        #expect(!json.all.contains(Self.secret))

        // ... where without one it is refused before any request (6).
        let noKey = try sandbox.writeJSON("nokey.json", ["backend": "remote"])
        let refused = try await sandbox.run("customers", "list", "--config", noKey, "--url", Self.deadURL)
        #expect(refused.status == Exit.access, "\(refused)")
        #expect(refused.err.contains("FLEXPRICE_API_KEY"))
    }

    @Test func theEnvironmentKeyWinsOverTheKeyFile() async throws {
        // A world-readable key file is not even opened when FLEXPRICE_API_KEY is set.
        let keyFile = try sandbox.write("secrets/api-key", Self.secret, mode: 0o644)
        let config = try sandbox.writeJSON("config.json", ["api_key_file": keyFile])
        let result = try await sandbox.run(["customers", "list", "--config", config, "--backend", "remote",
                                            "--url", Self.deadURL],
                                           environment: ["FLEXPRICE_API_KEY": "sk_env_key_abcdef123456"])
        #expect(result.status == Exit.unavailable, "\(result)")
        #expect(!result.all.contains("sk_env_key_abcdef123456"))
    }

    @Test func aMissingOrEmptyKeyFileIsAUsageError() async throws {
        let missing = sandbox.root + "/secrets/none"
        let config = try sandbox.writeJSON("config.json", ["api_key_file": missing])
        let result = try await sandbox.run("customers", "list", "--config", config)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains(missing))

        let empty = try sandbox.write("secrets/empty", "\n", mode: 0o600)
        let emptyConfig = try sandbox.writeJSON("config2.json", ["api_key_file": empty])
        let emptyResult = try await sandbox.run("customers", "list", "--config", emptyConfig)
        #expect(emptyResult.status == Exit.usage, "\(emptyResult)")
        #expect(emptyResult.err.contains("empty"))
    }
}
