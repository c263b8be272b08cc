import CustomerKit

/// The format of a bulk file.
public enum BulkFormat: String, Sendable, CaseIterable {
    case csv
    case jsonl

    /// From a file name's extension (`.csv`; `.jsonl`, `.ndjson`), nil when it says neither.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { self = .csv }
        else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { self = .jsonl }
        else { return nil }
    }
}

/// What happens to a row whose external id a published customer already has.
public enum ExistingPolicy: String, Sendable, CaseIterable {
    /// Update the fields that differ (FlexPrice's import).
    case update
    /// Leave the customer as it is; the row is `skipped`.
    case skip
    /// The row fails.
    case fail
}

public struct ImportOptions: Sendable, Hashable {
    public var format: BulkFormat
    public var onExisting: ExistingPolicy = .update
    public var metadata: MetadataMode = .merge
    /// Rows looked up and written together (one transaction on the local store).
    public var batchSize = 2_000
    /// Requests in flight at once against a backend without batch calls (the remote API).
    public var concurrency = 4

    public init(format: BulkFormat) {
        self.format = format
    }

    /// What makes two runs the same job (their progress journal is shared).
    var fingerprint: String { "\(format.rawValue) \(onExisting.rawValue) \(metadata.rawValue)" }
}

/// What became of one row.
public enum RowOutcome: String, Sendable, Codable, CaseIterable {
    case created, updated, unchanged, failed, skipped

    /// One letter per row in the progress journal.
    var letter: Character {
        switch self {
        case .created: "c"
        case .updated: "u"
        case .unchanged: "n"
        case .failed: "f"
        case .skipped: "s"
        }
    }

    init?(letter: Character) {
        guard let found = Self.allCases.first(where: { $0.letter == letter }) else { return nil }
        self = found
    }
}

/// A row that cannot be applied, in the form's words.
public struct RowFailure: Sendable, Hashable, Codable {
    public var line: Int
    public var externalID: String
    /// The file column (`email`, `metadata.tier`), empty when the problem is the whole row's.
    public var column: String
    public var message: String
}

/// What an import did, or (dry run) would do.
public struct ImportSummary: Sendable, Hashable, Codable {
    public var dryRun = false
    public var rows = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var failed = 0
    public var skipped = 0
    /// Rows an interrupted earlier run of the same import had done already (counted in the
    /// outcomes above too).
    public var alreadyDone = 0
    /// False when the run stopped before the end (interrupted, or the backend went away).
    public var finished = true
    public var seconds = 0.0

    enum CodingKeys: String, CodingKey {
        case dryRun = "dry_run", rows, created, updated, unchanged, failed, skipped
        case alreadyDone = "already_done", finished, seconds
    }

    public init() {}

    mutating func count(_ outcome: RowOutcome) {
        switch outcome {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
    }

    /// Rows that got an outcome.
    public var done: Int { created + updated + unchanged + failed + skipped }
}
