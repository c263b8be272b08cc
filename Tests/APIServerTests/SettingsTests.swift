import APIServer
import Foundation
import LocalStore
import Testing

@Suite("Server settings")
struct SettingsTests {
    private func write(_ text: String, in folder: TestFolder) -> String {
        let path = folder.file("config.json")
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test func defaults() throws {
        let folder = TestFolder()
        let settings = try ServerSettings.resolve(.init(), environment: ["HOME": folder.path])
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.databasePath == LocalCustomerStore.defaultPath(environment: ["HOME": folder.path]))
        #expect(settings.keyring.isEmpty)
        #expect(settings.logFile == nil)
    }

    @Test func flagsThenEnvironmentThenConfigFile() throws {
        let folder = TestFolder()
        let digest = APIKeyring.hexDigest(of: "sk_from_config_file_01")
        let path = write("""
            {"_about": "shared with the console", "backend": "local", "db": "~/from-config.sqlite",
             "server": {"host": "::1", "port": 9001, "log_file": "~/api.log",
                        "api_keys": [{"environment_id": "env_cfg", "sha256": "\(digest)"}]}}
            """, in: folder)
        let fromFile = try ServerSettings.resolve(.init(config: path), environment: ["HOME": "/home/op"])
        #expect(fromFile.host == "::1")
        #expect(fromFile.port == 9001)
        #expect(fromFile.databasePath == "/home/op/from-config.sqlite")
        #expect(fromFile.logFile == "/home/op/api.log")
        #expect(fromFile.keyring.environment(forKey: "sk_from_config_file_01") == "env_cfg")

        let environment = ["HOME": "/home/op", "FLEXPRICE_DB": "/data/env.sqlite",
                           "FLEXPRICE_API_KEYS": "env_x=sk_from_environment_1"]
        let withEnvironment = try ServerSettings.resolve(.init(config: path), environment: environment)
        #expect(withEnvironment.databasePath == "/data/env.sqlite")
        #expect(withEnvironment.keyring.environments == ["env_cfg", "env_x"])

        let withFlags = try ServerSettings.resolve(.init(config: path, host: "127.0.0.1", port: 0, db: "/flag.sqlite"),
                                                   environment: environment)
        #expect(withFlags.host == "127.0.0.1")
        #expect(withFlags.port == 0)
        #expect(withFlags.databasePath == "/flag.sqlite")
    }

    @Test func limitsFromFlagsThenTheConfigFile() throws {
        let folder = TestFolder()
        let path = write("""
            {"server": {"header_timeout_seconds": 2.5, "idle_timeout_seconds": 30, "request_timeout_seconds": 0.25,
                        "max_connections": 50, "requests_per_environment": 3}}
            """, in: folder)
        let fromFile = try ServerSettings.resolve(.init(config: path), environment: [:]).limits
        #expect(fromFile.headerTimeout == .milliseconds(2500))
        #expect(fromFile.idleTimeout == .seconds(30))
        #expect(fromFile.requestTimeout == .milliseconds(250))
        #expect(fromFile.maxConnections == 50)
        #expect(fromFile.requestsPerEnvironment == 3)
        let withFlags = try ServerSettings.resolve(.init(config: path, headerTimeout: 1, maxConnections: 7),
                                                   environment: [:]).limits
        #expect(withFlags.headerTimeout == .seconds(1))
        #expect(withFlags.maxConnections == 7)
        #expect(withFlags.idleTimeout == .seconds(30))
        for bad in [#"{"server": {"idle_timeout_seconds": 0}}"#, #"{"server": {"max_connections": 0}}"#,
                    #"{"server": {"request_timeout_seconds": "30"}}"#, #"{"server": {"requests_per_environment": 1.5}}"#] {
            #expect(throws: SettingsError.self, "\(bad)") {
                try ServerSettings.resolve(.init(config: write(bad, in: folder)), environment: [:])
            }
        }
        #expect(throws: SettingsError.self) { try ServerSettings.resolve(.init(requestTimeout: -1), environment: [:]) }
    }

    @Test func badConfigsAreRefusedWithTheirKey() {
        let folder = TestFolder()
        let cases: [(String, String)] = [
            (#"{"server": {"api_keys": [{"environment_id": "env_a", "key": "sk_raw_key_0123456789"}]}}"#, "raw keys"),
            (#"{"server": {"api_keys": [{"environment_id": "env_a", "sha256": "abc"}]}}"#, "64 hexadecimal"),
            (#"{"server": {"hots": "0.0.0.0"}}"#, "unknown key server.hots"),
            (#"{"server": {"port": "80"}}"#, "server.port must be an integer"),
            (#"{"server": []}"#, "server must be an object"),
            ("not json", "not a JSON object"),
        ]
        for (text, words) in cases {
            let path = write(text, in: folder)
            do {
                _ = try ServerSettings.resolve(.init(config: path), environment: [:])
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.contains(words), "\(error.description)")
            }
        }
        #expect(throws: SettingsError.self) { try ServerSettings.resolve(.init(port: 70000), environment: [:]) }
        #expect(throws: SettingsError.self) {
            try ServerSettings.resolve(.init(config: folder.file("missing.json")), environment: [:])
        }
    }
}

@Suite("Example configuration")
struct ExampleConfigurationTests {
    /// The documented example is a valid server configuration (CLIEndToEndTests checks that the
    /// console accepts it too).
    @Test func theExampleConfigLoads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let settings = try ServerSettings.resolve(.init(config: root.appendingPathComponent("config.example.json").path),
                                                  environment: ["HOME": "/home/op"])
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.databasePath == "/home/op/.local/share/flexprice-console/customers.sqlite")
        #expect(settings.keyring.isEmpty)
        // The example shows the defaults: the code's, which the README's table repeats.
        #expect(settings.limits == ServerLimits.defaults)
    }
}
