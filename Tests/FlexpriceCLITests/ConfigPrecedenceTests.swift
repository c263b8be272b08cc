import CustomerKit
import Foundation
import Testing

/// Flags beat the environment, which beats the config file, which beats the defaults.
@Suite struct ConfigPrecedenceTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    /// Nothing answers on port 1 of the loopback: a remote backend fails fast with exit 7.
    static let deadURL = "http://127.0.0.1:1/v1"

    enum Source: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case flag, environment, config, none
        var testDescription: String { rawValue }
    }

    /// Which store file a run used: it creates a customer with the sources given set to
    /// different files, then checks that exactly the winner's file exists and holds the row.
    @Test(arguments: [
        ([Source.flag, .environment, .config], Source.flag),
        ([.flag, .config], .flag),
        ([.flag, .environment], .flag),
        ([.environment, .config], .environment),
        ([.environment], .environment),
        ([.config], .config),
        ([], .none),
    ])
    func theDatabaseComesFromTheStrongestSource(given: [Source], winner: Source) async throws {
        let paths: [Source: String] = [
            .flag: sandbox.root + "/stores/flag.sqlite",
            .environment: sandbox.root + "/stores/env.sqlite",
            .config: sandbox.root + "/stores/config.sqlite",
            .none: sandbox.defaultDatabase,
        ]
        var arguments: [String] = []
        var environment: [String: String] = [:]
        if given.contains(.flag) { arguments += ["--db", paths[.flag]!] }
        if given.contains(.environment) { environment["FLEXPRICE_DB"] = paths[.environment]! }
        if given.contains(.config) { try sandbox.writeJSON(sandbox.defaultConfigFile, ["db": paths[.config]!]) }

        let body = try sandbox.writeJSON("body.json", ["external_id": "where-am-i"])
        let created = try await sandbox.run(["customers", "create", "--file", body, "--json"] + arguments,
                                            environment: environment)
        #expect(created.status == Exit.ok, "\(created)")

        for (source, path) in paths {
            #expect(sandbox.exists(path) == (source == winner), "\(source): \(path)")
        }
        let check = try await sandbox.run("customers", "list", "--json", "--db", paths[winner]!)
        #expect(try check.list.items.map(\.externalID) == ["where-am-i"])
    }

    @Test func anEmptyEnvironmentVariableCountsAsUnset() async throws {
        let configured = sandbox.root + "/stores/config.sqlite"
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["db": configured])
        let result = try await sandbox.run(["customers", "list"], environment: ["FLEXPRICE_DB": ""])
        #expect(result.status == Exit.ok, "\(result)")
        #expect(sandbox.exists(configured))
    }

    @Test func withoutXDGDataHomeTheStoreIsUnderHome() async throws {
        let result = try await sandbox.run(["customers", "list"], unset: ["XDG_DATA_HOME"])
        #expect(result.status == Exit.ok, "\(result)")
        #expect(sandbox.exists(sandbox.home + "/.local/share/flexprice-console/customers.sqlite"))
        #expect(!sandbox.exists(sandbox.defaultDatabase))
    }

    @Test func aTildeInTheConfigIsTheHomeFolder() async throws {
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["db": "~/stores/mine.sqlite"])
        let result = try await sandbox.run("customers", "list")
        #expect(result.status == Exit.ok, "\(result)")
        #expect(sandbox.exists(sandbox.home + "/stores/mine.sqlite"))
    }

    @Test func anExplicitConfigFileReplacesTheDefaultOne() async throws {
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["db": sandbox.root + "/stores/default-config.sqlite"])
        let explicit = try sandbox.writeJSON("elsewhere/config.json", ["db": sandbox.root + "/stores/explicit.sqlite"])
        let result = try await sandbox.run("customers", "list", "--config", explicit)
        #expect(result.status == Exit.ok, "\(result)")
        #expect(sandbox.exists(sandbox.root + "/stores/explicit.sqlite"))
        #expect(!sandbox.exists(sandbox.root + "/stores/default-config.sqlite"))
    }

    @Test func anExplicitConfigFileMustExist() async throws {
        let missing = sandbox.root + "/nope/config.json"
        let result = try await sandbox.run("customers", "list", "--config", missing)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains(missing))
        #expect(!sandbox.exists(sandbox.defaultDatabase))
    }

    /// local succeeds (exit 0); remote tries the dead URL (exit 7).
    @Test(arguments: [
        (flag: "local", env: "remote", config: "remote", expected: Exit.ok),
        (flag: "remote", env: "local", config: "local", expected: Exit.unavailable),
        (flag: nil, env: "local", config: "remote", expected: Exit.ok),
        (flag: nil, env: "remote", config: "local", expected: Exit.unavailable),
        (flag: nil, env: nil, config: "remote", expected: Exit.unavailable),
        (flag: nil, env: nil, config: "local", expected: Exit.ok),
        (flag: nil, env: "", config: "remote", expected: Exit.unavailable),
        (flag: nil, env: nil, config: nil, expected: Exit.ok),
    ] as [(flag: String?, env: String?, config: String?, expected: Int32)])
    func theBackendComesFromTheStrongestSource(flag: String?, env: String?, config: String?, expected: Int32) async throws {
        var arguments = ["customers", "list", "--url", Self.deadURL]
        if let flag { arguments += ["--backend", flag] }
        var environment = ["FLEXPRICE_API_KEY": "sk_test_precedence_0123456789"]
        if let env { environment["FLEXPRICE_BACKEND"] = env }
        if let config { try sandbox.writeJSON(sandbox.defaultConfigFile, ["backend": config]) }
        let result = try await sandbox.run(arguments, environment: environment)
        #expect(result.status == expected, "\(result)")
        if expected == Exit.unavailable {
            #expect(result.err.contains("127.0.0.1:1"))
            #expect(!sandbox.exists(sandbox.defaultDatabase))
        }
    }

    @Test func theURLComesFromTheStrongestSource() async throws {
        // The flag's port is the one named in the error, then the environment's, then the file's.
        try sandbox.writeJSON(sandbox.defaultConfigFile, ["backend": "remote", "url": "http://127.0.0.1:3/v1"])
        let key = ["FLEXPRICE_API_KEY": "sk_test_precedence_0123456789"]
        let fromFile = try await sandbox.run(["customers", "list"], environment: key)
        #expect(fromFile.status == Exit.unavailable, "\(fromFile)")
        #expect(fromFile.err.contains("127.0.0.1:3"))

        let env = key.merging(["FLEXPRICE_API_URL": "http://127.0.0.1:2/v1"]) { $1 }
        let fromEnv = try await sandbox.run(["customers", "list"], environment: env)
        #expect(fromEnv.err.contains("127.0.0.1:2"), "\(fromEnv)")

        let fromFlag = try await sandbox.run(["customers", "list", "--url", "http://127.0.0.1:1/v1"], environment: env)
        #expect(fromFlag.err.contains("127.0.0.1:1"), "\(fromFlag)")
        #expect(!fromFlag.err.contains("127.0.0.1:2"))
    }

    @Test(arguments: [
        (["--backend", "sqlite"], [String: String](), nil as String?, "sqlite"),
        ([], ["FLEXPRICE_BACKEND": "postgres"], nil, "postgres"),
        ([], [:], "cloud", "cloud"),
        (["--backend", "REMOTE"], [:], nil, "REMOTE"),
    ])
    func anUnknownBackendIsAUsageError(arguments: [String], environment: [String: String], config: String?,
                                       name: String) async throws {
        if let config { try sandbox.writeJSON(sandbox.defaultConfigFile, ["backend": config]) }
        let result = try await sandbox.run(["customers", "list"] + arguments, environment: environment)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.err.contains("unknown backend \"\(name)\""), "\(result.err)")
        #expect(result.err.contains("local or remote"))
        #expect(!sandbox.exists(sandbox.defaultDatabase))

        let json = try await sandbox.run(["customers", "list", "--json"] + arguments, environment: environment)
        #expect(json.status == Exit.usage)
        let error = try json.errorJSON
        #expect(error.code == "config_error")
        #expect(error.message.contains(name))
    }
}
