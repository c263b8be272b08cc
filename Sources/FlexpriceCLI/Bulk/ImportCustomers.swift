import ArgumentParser
import BulkTransfer
import CustomerKit
import Foundation

/// `flexprice-console customers import FILE`: checks every row first, then creates and
/// updates by external id; resumable, with a per-row report.
struct ImportCustomers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import customers from a CSV or JSON Lines file, matched by external id.",
        discussion: """
            Every row is checked against the validation table (and for an external id used twice) \
            before anything is written. Rows whose external id a published customer has are updated \
            with only what differs. Cut short (Ctrl-C, a hang-up, kill -9, the network), the same \
            command finishes the job: rows already done are not applied again.
            """)

    @Argument(help: ArgumentHelp("The file (- for standard input).", valueName: "file")) var file: String
    @Option(name: .long, help: ArgumentHelp("csv or jsonl (default: from the file's extension).", valueName: "format"))
    var format: String?
    @Flag(name: .customLong("dry-run"), help: "Check and match only: print what would happen, write nothing.")
    var dryRun = false
    @Option(name: .long, help: ArgumentHelp("Write a CSV with each row's outcome and, for failures, the column and message.", valueName: "file"))
    var report: String?
    @Option(name: .customLong("on-existing"), help: ArgumentHelp("A row whose customer exists: update (default), skip or fail.", valueName: "policy"))
    var onExisting = "update"
    @Option(name: .long, help: ArgumentHelp("merge (default: the row's keys are set, others stay) or replace.", valueName: "mode"))
    var metadata = "merge"
    @Option(name: .long, help: "Requests in flight at once on the remote backend, 1 to 32.") var concurrency = 4
    @Option(name: .customLong("batch-size"), help: "Rows matched and written together, 1 to 5000.") var batchSize = 2_000
    @OptionGroup var output: OutputOptions
    @OptionGroup(title: "Global options") var global: GlobalOptions

    func validate() throws {
        guard ExistingPolicy(rawValue: onExisting) != nil else { throw ValidationError("--on-existing must be update, skip or fail.") }
        guard MetadataMode(rawValue: metadata) != nil else { throw ValidationError("--metadata must be merge or replace.") }
        guard (1...32).contains(concurrency) else { throw ValidationError("--concurrency must be 1 to 32.") }
        guard (1...5_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 5000.") }
        if let format, BulkFormat(rawValue: format) == nil { throw ValidationError("--format must be csv or jsonl.") }
        if format == nil, file == "-" || BulkFormat(path: file) == nil {
            throw ValidationError("Say --format csv or --format jsonl (the file name does not end in .csv or .jsonl).")
        }
    }

    func run() async throws {
        let context = try CLIContext.make(global, json: output.json)
        var options = ImportOptions(format: format.flatMap(BulkFormat.init(rawValue:)) ?? BulkFormat(path: file)!)
        options.onExisting = ExistingPolicy(rawValue: onExisting)!
        options.metadata = MetadataMode(rawValue: metadata)!
        options.concurrency = concurrency
        options.batchSize = batchSize
        let input = try Self.readablePath(file, json: output.json)
        defer { input.cleanUp() }
        let directories = XDGDirectories(environment: ProcessInfo.processInfo.environment)
        let importer = CustomerImporter(path: input.path, options: options,
                                        backend: BulkAccess.make(context.backend, concurrency: concurrency),
                                        journalFolder: directories.state + "/imports", reportPath: report)
        let progress = ProgressLine(enabled: !output.json && isatty(STDERR_FILENO) == 1)
        importer.onProgress = { progress.show($0) }
        let stop = StopSignals.install()
        importer.shouldStop = { stop.requested }
        if let gate = ImportGate.fromEnvironment() { importer.beforeBatch = gate.pass }
        let result: CustomerImporter.Result
        do {
            result = try await importer.run(dryRun: dryRun)
        } catch {
            progress.clear()
            CLIOutput.fail(message: error.description, json: output.json, code: "invalid_file")
            throw ExitCode(CLIExit.validation)
        }
        progress.clear()
        try finish(result, stop: stop)
    }

    private func finish(_ result: CustomerImporter.Result, stop: StopSignals) throws {
        let summary = result.summary
        if output.json {
            CLIOutput.json(summary)
        } else {
            ImportSummaryText.print(summary, failures: result.failures, stoppedBy: result.stoppedBy, report: report)
        }
        if let error = result.stoppedBy {
            if !output.json { CLIOutput.write("Stopped: \(CLIOutput.safe(error.message)). Run the same command again to finish.", to: .standardError) }
            throw ExitCode(CLIExit.code(for: error))
        }
        if !summary.finished {
            if !output.json { CLIOutput.write("Stopped after \(summary.done) of \(summary.rows) rows; run the same command again to finish.", to: .standardError) }
            throw ExitCode(128 + (stop.signal ?? SIGINT))
        }
        if summary.failed > 0 { throw ExitCode(CLIExit.validation) }
    }

    /// A path both passes can read: standard input is copied to a temporary file first.
    struct Input {
        let path: String
        let temporary: Bool
        func cleanUp() { if temporary { unlink(path) } }
    }

    static func readablePath(_ file: String, json: Bool) throws -> Input {
        guard file == "-" else { return Input(path: file, temporary: false) }
        let path = NSTemporaryDirectory() + "flexprice-import-\(getpid())-\(UUID().uuidString)"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            CLIOutput.fail(message: "cannot keep standard input in \(path)", json: json, code: "invalid_file")
            throw ExitCode(CLIExit.failure)
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(STDIN_FILENO, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            do {
                try FileOutput.writeAll(buffer[0..<count], to: fd)
            } catch {
                unlink(path)
                CLIOutput.fail(message: "cannot keep standard input in \(path): \(error.message)", json: json, code: "invalid_file")
                throw ExitCode(CLIExit.failure)
            }
        }
        return Input(path: path, temporary: true)
    }
}

/// The import's closing words for people.
enum ImportSummaryText {
    static func print(_ summary: ImportSummary, failures: [RowFailure], stoppedBy: CustomerError?, report: String?) {
        var lines: [String] = []
        if summary.dryRun {
            lines.append("Dry run of \(summary.rows) rows: \(summary.created) to create, \(summary.updated) to update, "
                         + "\(summary.unchanged) unchanged, \(summary.skipped) to skip, \(summary.failed) errors. Nothing was written.")
        } else {
            lines.append("\(summary.done) of \(summary.rows) rows: \(summary.created) created, \(summary.updated) updated, "
                         + "\(summary.unchanged) unchanged, \(summary.skipped) skipped, \(summary.failed) failed "
                         + "(\(String(format: "%.1f", summary.seconds)) s).")
            if summary.alreadyDone > 0 {
                lines.append("\(summary.alreadyDone) rows were found already done by an earlier run of this import.")
            }
        }
        let shown = failures.prefix(20)
        for failure in shown {
            let column = failure.column.isEmpty ? "" : " [\(failure.column)]"
            lines.append("  line \(failure.line)\(column): \(CLIOutput.safe(failure.message))")
        }
        if summary.failed > shown.count {
            lines.append("  … \(summary.failed - shown.count) more" + (report == nil ? "; --report FILE lists every row." : " in \(report!)."))
        } else if let report {
            lines.append("Every row's outcome: \(report)")
        }
        CLIOutput.write(lines.joined(separator: "\n"))
    }
}
