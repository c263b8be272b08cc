import ArgumentParser
import CustomerKit
import Foundation

/// Opens the interactive console. Lands with the console issue; until then it says so.
enum ConsoleLauncher {
    static func run(_ global: GlobalOptions) async throws {
        CLIOutput.write("The interactive console is not built yet; use `flexprice-console customers --help`.",
                        to: .standardError)
        throw ExitCode(CLIExit.usage)
    }
}
