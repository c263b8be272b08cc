import CustomerKit

/// The columns of a bulk CSV file, from the field catalogue: FlexPrice's import columns
/// (`external_id`, `name`, `email`, the address), `metadata.<key>` for each metadata key, and
/// `parent_customer_external_id`. A header is read into a `BulkColumns`, which says for each
/// position what it holds; the import report's own columns are recognised, so that a report
/// can be fixed and imported again as it is.
public struct BulkColumns: Sendable, Equatable {
    public enum Column: Sendable, Hashable {
        case text(CustomerField)
        case metadata(key: String)
        /// One of the report's own columns (`import_line`, …): read past.
        case report
    }

    /// The text fields a bulk file carries, in the export's column order: FlexPrice's import
    /// columns first, then this program's (contact, time zone, parent), each in catalogue order.
    public static let textFields: [CustomerField] = {
        let all = FieldCatalogue.fields(in: .bulkFile).filter { $0.isText }
        let flexPrice = Set(FieldCatalogue.fields(in: .flexPriceImport))
        return all.filter { flexPrice.contains($0) } + all.filter { !flexPrice.contains($0) }
    }()
    public static let metadataPrefix = "metadata."
    /// The columns the import report adds in front of the file's own.
    public static let reportColumns = ["import_line", "import_outcome", "import_column", "import_message"]

    public let columns: [Column]
    public let names: [String]

    /// The header of an export with these metadata keys.
    public init(metadataKeys: [String]) {
        columns = Self.textFields.map { .text($0) } + metadataKeys.map { .metadata(key: $0) }
        names = columns.map(Self.name)
    }

    /// Reads a header; an unknown or repeated column, or no `external_id`, is an error that
    /// names it.
    public init(header: [String], line: Int) throws(BulkFileError) {
        var columns: [Column] = []
        var seen: [String: Int] = [:]
        for (position, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if let earlier = seen[name] {
                throw BulkFileError(line: line, "the column “\(name)” is there twice (columns \(earlier + 1) and \(position + 1))")
            }
            seen[name] = position
            columns.append(try Self.column(named: name, line: line))
        }
        guard columns.contains(.text(.externalID)) else {
            throw BulkFileError(line: line, "the header has no external_id column: rows are matched by external id")
        }
        self.columns = columns
        names = header
    }

    private static let byName: [String: CustomerField] = Dictionary(uniqueKeysWithValues: textFields.map { ($0.jsonName, $0) })

    private static func column(named name: String, line: Int) throws(BulkFileError) -> Column {
        if let field = byName[name] { return .text(field) }
        if reportColumns.contains(name) { return .report }
        if name.hasPrefix(metadataPrefix) {
            let key = String(name.dropFirst(metadataPrefix.count))
            guard !key.isEmpty else { throw BulkFileError(line: line, "the column “metadata.” names no metadata key") }
            return .metadata(key: key)
        }
        // A header typed by hand or renamed by a spreadsheet: "Name", "External ID", "e-mail".
        let folded = name.lowercased().replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "")
        if let field = textFields.first(where: { $0.jsonName.replacingOccurrences(of: "-", with: "") == folded }) {
            throw BulkFileError(line: line, "unknown column “\(name)”; did you mean “\(field.jsonName)”? (column names are lower case)")
        }
        let known = textFields.map(\.jsonName).joined(separator: ", ")
        throw BulkFileError(line: line, "unknown column “\(name)”; the columns are \(known) and metadata.<key>")
    }

    /// The positions of the file's own columns (not a report's): what a report repeats.
    public var dataPositions: [Int] { columns.indices.filter { columns[$0] != .report } }

    /// The file column a problem with `field` points at (`metadata` for the map).
    static func columnName(for field: CustomerField) -> String {
        field == .metadata ? "metadata" : field.jsonName
    }

    static func name(_ column: Column) -> String {
        switch column {
        case .text(let field): field.jsonName
        case .metadata(let key): metadataPrefix + key
        case .report: ""
        }
    }

    /// The row a record holds: empty cells leave their field alone (as in FlexPrice's import);
    /// a value a spreadsheet export marked with a leading `'` is unmarked.
    func row(_ record: CSVRecord) throws(BulkFileError) -> BulkRow {
        guard record.fields.count <= columns.count else {
            throw BulkFileError(line: record.line,
                                "\(record.fields.count) fields, but the header has \(columns.count) columns (a comma too many, or a quote missing?)")
        }
        var row = BulkRow(line: record.line)
        for (column, cell) in zip(columns, record.fields) where !cell.isEmpty {
            let value = CSVWriter.unguarded(cell)
            switch column {
            case .text(let field): row.texts[field] = value
            case .metadata(let key): row.metadata[key, default: ""] = value
            case .report: break
            }
        }
        row.cells = record.fields
        return row
    }
}
