import ArgumentParser
import CustomerKit
import Foundation

/// `flexprice-console`: with no subcommand, the console screen; `customers ...` for scripts.
public struct RootCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "flexprice-console",
        abstract: "Create, find and edit FlexPrice customers from a terminal.",
        discussion: """
            Without a subcommand, opens the console on the configured backend (default: the \
            embedded local store). Settings come from flags, then the environment \
            (FLEXPRICE_BACKEND, FLEXPRICE_DB, FLEXPRICE_API_URL, FLEXPRICE_API_KEY, \
            FLEXPRICE_ENVIRONMENT_ID, FLEXPRICE_THEME), then the config file, then defaults.
            """,
        version: ConsoleVersion.current,
        subcommands: [CustomersCommand.self])

    @OptionGroup(title: "Global options") var global: GlobalOptions

    public init() {}

    public mutating func run() async throws {
        try await ConsoleLauncher.run(global.flags)
    }

    /// ArgumentParser's `main`, except that a usage error (unknown option, missing argument,
    /// a value `validate()` refuses) exits with 2, the code scripts are promised for usage and
    /// configuration problems, instead of ArgumentParser's 64 (`EX_USAGE`).
    public static func main() async {
        MemoryArenas.limit()
        // No arguments, the usual start: straight to the console. ArgumentParser would first
        // reflect over every command's options (about a millisecond and a half of the first
        // frame) only to find there is nothing to parse.
        if CommandLine.arguments.count == 1 {
            do {
                try await ConsoleLauncher.run(AppConfiguration.Flags())
                return
            } catch let code as ExitCode {
                Foundation.exit(code.rawValue)
            } catch {
                exit(withError: error)
            }
        }
        do {
            var command = try await asyncParseAsRoot(nil)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                CLIOutput.write(fullMessage(for: error), to: .standardError)
                Foundation.exit(CLIExit.usage)
            }
            exit(withError: error)
        }
    }
}

/// The version shown by `--version` and sent as the HTTP user agent.
public enum ConsoleVersion {
    public static let current = "0.1.0"
}

/// `flexprice-console customers ...`
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Create, get, list, update, delete, import and export customers (for scripts).",
        subcommands: [CreateCustomer.self, GetCustomer.self, ListCustomers.self, UpdateCustomer.self,
                      DeleteCustomer.self, ImportCustomers.self, ExportCustomers.self])
}

/// The `--json` flag every customer command takes.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print exactly the API's JSON (errors: the FlexPrice error JSON on stderr).")
    var json = false
}
