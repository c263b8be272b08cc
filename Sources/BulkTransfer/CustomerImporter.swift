import CustomerKit
import Foundation

/// Imports a CSV or JSON Lines file of customers: first every row is checked against the
/// validation table and within the file (the same external id twice), with nothing written;
/// then rows are matched to published customers by external id, in batches, and created,
/// updated (only what differs), left unchanged, skipped or failed. A journal makes a run that
/// was cut short resumable: the same command finishes the job, every row applied once.
public final class CustomerImporter {
    public let path: String
    public let options: ImportOptions
    let backend: any BulkCustomerBackend
    private let journalFolder: String?
    private let reportPath: String?
    /// Called after each batch (and while checking), from the importing task.
    public var onProgress: (@Sendable (ImportProgress) -> Void)?
    /// Asked between batches: true stops the import there (what is written stays written).
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Called before each batch is written, not in a dry run (the test gate holds a run there).
    public var beforeBatch: @Sendable () -> Void = {}
    /// External ids the duplicate check keeps in memory before it sorts them to a temporary
    /// file (tests make it small to cross runs).
    var duplicateRunLimit = 500_000

    /// How many failures the check keeps to show (the console's list); all are counted.
    public static let keptFailures = 1_000

    public init(path: String, options: ImportOptions, backend: any BulkCustomerBackend,
                journalFolder: String?, reportPath: String? = nil) {
        self.path = path
        self.options = options
        self.backend = backend
        self.journalFolder = journalFolder
        self.reportPath = reportPath
    }

    /// What the check found.
    public struct Check: Sendable {
        public var rows = 0
        /// Rows that break a rule or repeat an earlier row's external id.
        public var failed: Int { failingLines.count }
        /// Names the job: the file's content and the options.
        var key = ""
        /// For a row whose external id is on an earlier line too: that earlier (first) line.
        var duplicateOf: [Int32: Int32] = [:]
        /// The lines of the rows that fail: the second pass checks only these again (for their
        /// messages), not every row.
        var failingLines: Set<Int32> = []
    }

    /// The run's end: what was done, and what stopped it early if something did.
    public struct Result: Sendable, Hashable {
        public var summary: ImportSummary
        /// The backend error that stopped the run (the network, a server down, a key refused).
        public var stoppedBy: CustomerError?
        /// The rows that failed (or, in a dry run, would), in file order: the first `keptFailures`.
        public var failures: [RowFailure]
    }

    /// Reads the whole file once: file errors throw (nothing is written); rows that break a
    /// rule are counted and kept.
    public func check() throws(BulkFileError) -> Check {
        let started = ContinuousClock.now
        let file = try BulkFile(path: path, format: options.format)
        var check = Check()
        // The same external id twice: each row's id hashed, with its line (see DuplicateFinder).
        var finder = DuplicateFinder(runLimit: duplicateRunLimit)
        while let row = try file.next() {
            check.rows += 1
            if !row.externalID.isEmpty {
                try finder.add(hash: Self.stableHash(row.externalID), line: Int32(clamping: row.line))
            }
            if Self.problem(row, firstLine: nil) != nil { check.failingLines.insert(Int32(clamping: row.line)) }
            if check.rows % 10_000 == 0 {
                onProgress?(ImportProgress(phase: .checking, done: check.rows, total: 0, seconds: Self.seconds(since: started)))
            }
        }
        check.duplicateOf = try finder.duplicates()
        for line in check.duplicateOf.keys { check.failingLines.insert(line) }
        check.key = file.digest.hex + "-" + String(Self.stableHash(options.fingerprint + "|" + backend.label), radix: 16)
        return check
    }

    /// Checks, then (unless `dryRun`) writes. File errors throw before anything is written.
    public func run(dryRun: Bool) async throws(BulkFileError) -> Result {
        let started = ContinuousClock.now
        let check = try check()
        var summary = ImportSummary()
        summary.dryRun = dryRun
        summary.rows = check.rows
        let journal = (dryRun ? nil : journalFolder).map { ImportJournal(folder: $0, key: check.key) }
        let file = try BulkFile(path: path, format: options.format)
        let report = try reportPath.map { path throws(BulkFileError) in try ImportReport(path: path, header: file.reportHeader) }
        var pass = ImportPass(importer: self, file: file, check: check, journal: journal, report: report, dryRun: dryRun,
                        started: ContinuousClock.now)
        let stoppedBy = try await pass.run(&summary)
        try report?.finish()
        if summary.finished, stoppedBy == nil { journal?.remove() }
        summary.seconds = Self.seconds(since: started)
        return Result(summary: summary, stoppedBy: stoppedBy, failures: pass.failuresMet)
    }

    /// The first thing wrong with a row by the validation table, or its external id being on
    /// an earlier line too.
    static func problem(_ row: BulkRow, firstLine: Int?) -> RowFailure? {
        // A JSON line may clear a field ("" in an update body): the create check drops those.
        let issues = CustomerValidation.validate(row.createRequest) + CustomerValidation.validate(clearing(row))
        if !issues.isEmpty { return failure(issues, row: row) }
        if let firstLine, firstLine != row.line {
            return RowFailure(line: row.line, externalID: row.externalID, column: "external_id",
                              message: "External ID: \(row.externalID) is on line \(firstLine) already; a file names each customer once")
        }
        return nil
    }

    /// Every problem of a row at once, so that one round of fixing is enough: the columns and
    /// messages joined with "; ".
    static func failure(_ issues: [FieldIssue], row: BulkRow) -> RowFailure {
        RowFailure(line: row.line, externalID: row.externalID,
                   column: issues.map { BulkColumns.columnName(for: $0.field) }.joined(separator: "; "),
                   message: issues.map(\.message).joined(separator: "; "))
    }

    /// The fields a row clears, as an update.
    private static func clearing(_ row: BulkRow) -> UpdateCustomerRequest {
        var request = UpdateCustomerRequest()
        for (field, value) in row.texts.present where value.isEmpty { request.texts[field] = value }
        return request
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// FNV-1a of the text: the same in every run (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// Whether a backend error is the row's (a rule, a rival's edit, a missing parent) or
    /// stops the whole run (the network, the server, the key).
    static func stopsTheRun(_ error: CustomerError) -> Bool {
        switch error {
        case .validation, .alreadyExists, .versionConflict, .notFound, .invalidOperation: false
        case .transport, .invalidResponse, .unauthorized, .forbidden: true
        case .server(_, let status, _, _): status >= 500 || status == 429
        }
    }

    static func failure(_ error: CustomerError, row: BulkRow) -> RowFailure {
        if let (field, text) = error.fieldErrors.min(by: { FieldCatalogue.position(of: $0.key) < FieldCatalogue.position(of: $1.key) }) {
            let message = text.hasPrefix(field.label + ":") ? text : "\(field.label): \(text)"
            return RowFailure(line: row.line, externalID: row.externalID, column: BulkColumns.columnName(for: field), message: message)
        }
        if case .versionConflict = error {
            return RowFailure(line: row.line, externalID: row.externalID, column: "",
                              message: "Someone else saved this customer during the import; import the row again to apply it over their change")
        }
        return RowFailure(line: row.line, externalID: row.externalID, column: "", message: error.message)
    }
}
