import APIServer
import CustomerKit
import Foundation
import Testing
import TestSupport

/// The real binaries: `flexprice-console-api` on a free loopback port, and the console's CLI
/// (`flexprice-console --backend remote`) creating, reading, listing, updating and deleting
/// through it with `FLEXPRICE_API_KEY`.
@Suite("Console CLI against the server binary", .serialized)
struct CLIEndToEndTests {
    @Test(.timeLimit(.minutes(10))) func crudThroughTheConsoleCLI() async throws {
        let folder = TestFolder()
        let server = try await ServerProcess.start(database: folder.file("shared.sqlite"),
                                                   keys: "env_team=sk_cli_e2e_key_0123456789,env_other=sk_cli_other_key_0123", folder: folder)
        defer { server.stop() }
        let console = try BuiltBinaries.path("flexprice-console")
        let environment = ["FLEXPRICE_API_KEY": "sk_cli_e2e_key_0123456789", "XDG_CONFIG_HOME": folder.path,
                           "XDG_STATE_HOME": folder.path, "FLEXPRICE_LOG_FILE": folder.file("console.log")]
        func cli(_ arguments: [String], input: String? = nil, key: String? = nil) async throws
            -> (status: Int32, stdout: String, stderr: String) {
            var env = environment
            if let key { env["FLEXPRICE_API_KEY"] = key }
            return try await BuiltBinaries.output(console, ["customers"] + arguments + ["--backend", "remote", "--url", server.baseURL, "--json"],
                                         environment: env, input: input)
        }
        func customer(_ text: String) throws -> Customer { try JSONDecoder().decode(Customer.self, from: Data(text.utf8)) }

        let created = try await cli(["create", "--file", "-"],
                              input: #"{"external_id":"cli-1","name":"CLI Customer","email":"cli@example.com"}"#)
        #expect(created.status == 0, "\(created.stderr)")
        let customerID = try customer(created.stdout).id
        #expect(try customer(created.stdout).environmentID == "env_team")

        let got = try await cli(["get", customerID])
        #expect(try customer(got.stdout).name == "CLI Customer")
        let byExternal = try await cli(["get", "--external-id", "cli-1"])
        #expect(try customer(byExternal.stdout).id == customerID)

        _ = try await cli(["create", "--file", "-"], input: #"{"external_id":"cli-2","name":"Second"}"#)
        let listed = try await cli(["list", "--search", "cli customer"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let list = try JSONDecoder().decode(ListCustomersResponse.self, from: Data(listed.stdout.utf8))
        #expect(list.items.map(\.id) == [customerID])
        #expect(list.pagination.total == 1)

        let updated = try await cli(["update", customerID, "--file", "-"], input: #"{"name":"Renamed","metadata":{"k":"v"}}"#)
        #expect(try customer(updated.stdout).name == "Renamed")
        // A script's conditional update: against the version it read, once; then refused (exit 5).
        let version = try customer(updated.stdout).updatedAt.text
        let first = try await cli(["update", customerID, "--if-updated-at", version, "--file", "-"], input: #"{"email":"one@example.com"}"#)
        #expect(first.status == 0, "\(first.stderr)")
        let stale = try await cli(["update", customerID, "--if-updated-at", version, "--file", "-"], input: #"{"email":"two@example.com"}"#)
        #expect(stale.status == 5)
        #expect(stale.stderr.contains("version_conflict"), "\(stale.stderr)")
        #expect(try customer(try await cli(["get", customerID]).stdout).email == "one@example.com")
        let byExternalUpdate = try await cli(["update", "--external-id", "cli-2", "--file", "-"], input: #"{"contact":"+1"}"#)
        #expect(try customer(byExternalUpdate.stdout).contact == "+1")

        let duplicate = try await cli(["create", "--file", "-"], input: #"{"external_id":"cli-1"}"#)
        #expect(duplicate.status == 5)  // the CLI's exit code for a conflict
        #expect(duplicate.stderr.contains("already_exists"))

        let deleted = try await cli(["delete", customerID])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try customer(try await cli(["get", customerID]).stdout).status == .archived)
        let missing = try await cli(["get", "--external-id", "cli-1"])
        #expect(missing.status == 4)

        // Another environment's key sees none of it; a wrong key is refused.
        let other = try await cli(["list"], key: "sk_cli_other_key_0123")
        #expect(try JSONDecoder().decode(ListCustomersResponse.self, from: Data(other.stdout.utf8)).pagination.total == 0)
        let refused = try await cli(["list"], key: "sk_not_a_key_at_all_00")
        #expect(refused.status == 6)

        #expect(server.stop() == 0)  // SIGTERM stops it cleanly
        let log = (try? String(contentsOfFile: server.stderrPath, encoding: .utf8)) ?? ""
        let creates = log.split(separator: "\n").filter { $0.contains("method=POST path=/v1/customers ") }
        #expect(creates.count == 3)
        #expect(creates.first?.contains(" status=201 ") == true)
        #expect(!log.contains("sk_cli_e2e_key_0123456789") && !log.contains("sk_not_a_key_at_all_00"))
    }

    /// The example config, server section included, is one file both programs read.
    @Test func theConsoleAcceptsTheExampleConfig() async throws {
        let folder = TestFolder()
        // The example names a key file under ~/.config; the console insists on reading it.
        let keyFolder = folder.file(".config/flexprice-console")
        try FileManager.default.createDirectory(atPath: keyFolder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: keyFolder + "/api-key", contents: Data("sk_unused_here".utf8),
                                       attributes: [.posixPermissions: 0o600])
        let example = OpenAPIDocumentTests.root.appendingPathComponent("config.example.json").path
        let result = try await BuiltBinaries.output(try BuiltBinaries.path("flexprice-console"),
                                           ["--config", example, "customers", "list", "--db", folder.file("c.sqlite"), "--json"],
                                           environment: ["HOME": folder.path, "FLEXPRICE_LOG_FILE": folder.file("console.log")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"pagination\""))
    }

    @Test func refusesToListenBeyondLoopbackWithoutKeys() async throws {
        let folder = TestFolder()
        let binary = try BuiltBinaries.path("flexprice-console-api")
        let result = try await BuiltBinaries.output(binary, ["--host", "0.0.0.0", "--port", "0", "--db", folder.file("x.sqlite")],
                                           environment: ["FLEXPRICE_API_KEYS": "", "XDG_CONFIG_HOME": folder.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("refusing to listen on 0.0.0.0 without API keys"))
        let digest = try await BuiltBinaries.output(binary, ["digest-key"], input: "abc-0123456789-abcdef\n")
        #expect(digest.stdout == APIKeyring.hexDigest(of: "abc-0123456789-abcdef") + "\n")
    }
}
