import ArgumentParser
import BulkTransfer
import CustomerKit
import Foundation

/// `flexprice-console customers export`: every customer (or a search's) to CSV or JSON Lines.
struct ExportCustomers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export customers to CSV or JSON Lines, in the columns the import reads.",
        discussion: """
            CSV values that a spreadsheet would run as a formula (starting with =, +, -, @, a tab \
            or a carriage return) are written with a leading ' (the spreadsheets' text mark); the \
            import takes it off again. --raw writes them as they are.
            """)

    @Option(name: .long, help: ArgumentHelp("csv (default) or jsonl.", valueName: "format")) var format: String?
    @Option(name: .long, help: ArgumentHelp("Where to write (default: standard output).", valueName: "file")) var output: String?
    @Option(name: .long, help: "Only customers whose name, email or external id contain this.") var search: String?
    @Option(name: .long, help: ArgumentHelp("published (default) or archived.", valueName: "status")) var status = "published"
    @Flag(name: .long, help: "Write values that start like a formula as they are (for tools that are not spreadsheets).")
    var raw = false
    @OptionGroup(title: "Order and filters") var refinements: ListRefinements
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func validate() throws {
        guard ["published", "archived"].contains(status) else { throw ValidationError("--status must be published or archived.") }
        if let format, BulkFormat(rawValue: format) == nil { throw ValidationError("--format must be csv or jsonl.") }
    }

    func run() async throws {
        let context = try CLIContext.make(global, json: false)
        let format = format.flatMap(BulkFormat.init(rawValue:)) ?? output.flatMap(BulkFormat.init(path:)) ?? .csv
        let source = BulkAccess.make(context.backend, concurrency: 1)
        var query = CustomerQuery(search: search.flatMap { $0.isEmpty ? nil : $0 }, status: CustomerStatus(status))
        try refinements.apply(to: &query)
        let exporter = CustomerExporter(source: source, format: format, query: query, guardFormulas: !raw)
        Foundation.signal(SIGPIPE, SIG_IGN)
        do {
            if let output {
                // Whole or not at all: an export cut short never leaves a half file under the name,
                // and one stopped by a signal takes its partial file with it.
                ExportSignals.install()
                let count = try await exporter.export(toFile: output)
                CLIOutput.write("Exported \(count) customers to \(output).", to: .standardError)
            } else {
                _ = try await exporter.export(to: STDOUT_FILENO)
            }
        } catch let error as CustomerError {
            throw CLIOutput.report(error, json: false)
        } catch {
            CLIOutput.fail(message: "\(error)", json: false, code: "export_failed")
            throw ExitCode(CLIExit.failure)
        }
    }
}

/// Ctrl-C, a hang-up or SIGTERM during an export to a file: the partial file goes, and the
/// process ends as the signal would have ended it (128 + N). Nothing else is left to finish:
/// the name asked for only ever holds a complete export.
enum ExportSignals {
    static func install() {
        for number in [SIGINT, SIGHUP, SIGTERM] {
            Foundation.signal(number) { number in
                PartialFile.removeCurrent()
                _exit(128 + number)
            }
        }
    }
}
