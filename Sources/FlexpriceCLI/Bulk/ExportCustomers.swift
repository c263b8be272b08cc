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
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func validate() throws {
        guard ["published", "archived"].contains(status) else { throw ValidationError("--status must be published or archived.") }
        if let format, BulkFormat(rawValue: format) == nil { throw ValidationError("--format must be csv or jsonl.") }
    }

    func run() async throws {
        let context = try CLIContext.make(global, json: false)
        let format = format.flatMap(BulkFormat.init(rawValue:)) ?? output.flatMap(BulkFormat.init(path:)) ?? .csv
        let source = BulkAccess.make(context.backend, concurrency: 1)
        let exporter = CustomerExporter(source: source, format: format, search: search.flatMap { $0.isEmpty ? nil : $0 },
                                        status: CustomerStatus(status), guardFormulas: !raw)
        Foundation.signal(SIGPIPE, SIG_IGN)
        // Written to a temporary file beside the target and renamed at the end: an export
        // cut short never leaves a half file under the name asked for.
        var fd = STDOUT_FILENO
        var temporary: String?
        if let output {
            let partial = output + ".partial-\(getpid())"
            fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                CLIOutput.fail(message: "cannot write \(output): \(String(cString: strerror(errno)))", json: false, code: "export_failed")
                throw ExitCode(CLIExit.failure)
            }
            temporary = partial
        }
        do {
            let count = try await exporter.export(to: fd)
            if let temporary, let output {
                guard fsync(fd) == 0, close(fd) == 0, rename(temporary, output) == 0 else {
                    throw BulkFileError(line: nil, "cannot write \(output): \(String(cString: strerror(errno)))")
                }
                CLIOutput.write("Exported \(count) customers to \(output).", to: .standardError)
            }
        } catch let error as CustomerError {
            if let temporary { unlink(temporary) }
            throw CLIOutput.report(error, json: false)
        } catch {
            if let temporary { unlink(temporary) }
            CLIOutput.fail(message: "\(error)", json: false, code: "export_failed")
            throw ExitCode(CLIExit.failure)
        }
    }
}
