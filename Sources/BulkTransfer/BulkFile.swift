import CustomerKit

/// A bulk file opened for reading rows in order, whichever its format: a CSV file's header
/// is read first.
final class BulkFile {
    let format: BulkFormat
    private let csv: CSVReader?
    private let jsonLines: JSONLinesReader?
    private let source: ByteSource
    /// The CSV header's columns (nil for JSON lines).
    let columns: BulkColumns?

    init(path: String, format: BulkFormat) throws(BulkFileError) {
        self.format = format
        source = try ByteSource(path: path)
        switch format {
        case .csv:
            let reader = CSVReader(source: source)
            guard let header = try reader.next() else { throw BulkFileError(line: 1, "the file is empty: a header row is needed") }
            columns = try BulkColumns(header: header.fields, line: header.line)
            csv = reader
            jsonLines = nil
        case .jsonl:
            jsonLines = JSONLinesReader(source: source)
            csv = nil
            columns = nil
        }
    }

    func next() throws(BulkFileError) -> BulkRow? {
        if let csv, let columns {
            guard let record = try csv.next() else { return nil }
            return try columns.row(record)
        }
        return try jsonLines?.next()
    }

    /// The fingerprint of the bytes read so far (the whole file once `next` returned nil).
    var digest: ContentDigest { source.digest }

    /// The report's header after its own columns: the file's columns, or the external id.
    var reportHeader: [String] {
        guard let columns else { return ["external_id"] }
        return columns.dataPositions.map { columns.names[$0] }
    }

    /// A row's cells for the report, in `reportHeader`'s order.
    func reportCells(_ row: BulkRow) -> [String] {
        guard let columns else { return [row.externalID] }
        return columns.dataPositions.map { $0 < row.cells.count ? row.cells[$0] : "" }
    }
}
