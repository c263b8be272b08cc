import Foundation
import Testing

/// Help, the bare command without a terminal, and usage errors.
@Suite struct HelpAndUsageTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    @Test func theBareCommandWithoutATerminalPointsAtTheScriptingCommands() async throws {
        // The watchdog proves it does not wait: a console waiting for a terminal would be killed.
        let result = try await sandbox.run([], stdin: "q\n")
        #expect(!result.timedOut, "the console waited for a terminal")
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.err.contains("needs a terminal"))
        #expect(result.err.contains("customers --help"))
        // Nothing was opened or logged.
        #expect(!sandbox.exists(sandbox.defaultDatabase))
        #expect(!sandbox.exists(sandbox.stateHome + "/flexprice-console"))
    }

    @Test func theBareCommandReportsABadConfigFirst() async throws {
        let result = try await sandbox.run(["--backend", "carrier-pigeon"])
        #expect(!result.timedOut)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.err.contains("carrier-pigeon"))
    }

    @Test func helpListsTheCustomersCommand() async throws {
        let result = try await sandbox.run("--help")
        #expect(result.status == Exit.ok, "\(result)")
        #expect(result.out.contains("USAGE: flexprice-console"))
        #expect(result.out.contains("SUBCOMMANDS:"))
        #expect(result.out.contains("customers"))
        for option in ["--config", "--backend", "--db", "--url", "--theme"] {
            #expect(result.out.contains(option), "\(option)")
        }
    }

    @Test(arguments: [["customers", "--help"], ["customers", "-h"], ["help", "customers"]])
    func customersHelpListsEverySubcommand(arguments: [String]) async throws {
        let result = try await sandbox.run(arguments)
        #expect(result.status == Exit.ok, "\(result)")
        let lines = result.out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for sub in ["create", "get", "list", "update", "delete"] {
            #expect(lines.contains { $0.hasPrefix(sub + " ") }, "\(sub) missing from:\n\(result.out)")
        }
        #expect(!sandbox.exists(sandbox.defaultDatabase))
    }

    @Test func subcommandHelpShowsItsOptions() async throws {
        let create = try await sandbox.run("customers", "create", "--help")
        #expect(create.status == Exit.ok)
        #expect(create.out.contains("--file"))
        #expect(create.out.contains("--json"))
        let list = try await sandbox.run("customers", "list", "--help")
        for option in ["--search", "--limit", "--offset", "--status"] {
            #expect(list.out.contains(option), "\(option)")
        }
    }

    @Test func versionIsPrinted() async throws {
        let result = try await sandbox.run("--version")
        #expect(result.status == Exit.ok)
        #expect(result.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test(arguments: [
        ["customers", "frobnicate"],
        ["customers", "create"],
        ["customers", "delete"],
        ["customers", "list", "--colour"],
        ["--no-such-flag"],
    ])
    func usageErrorsExitWithTwo(arguments: [String]) async throws {
        let result = try await sandbox.run(arguments)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.err.contains("Usage:") || result.err.contains("USAGE:"), "\(result.err)")
    }
}
