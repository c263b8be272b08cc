import CustomerKit
import GRDB
import GRDBSQLite

/// An export's cells read straight from the file: SQLite's own text, copied once into the
/// batch, with the parent's external id and the metadata pairs found by SQLite. No `Customer`
/// (nor its timestamps, nor a JSON decoder) per row: a tenth of what a row cost the other way.
extension LocalCustomerStore: StoredCellSource {
    public var storedCellSource: (any StoredCellSource)? { self }

    public func exportedMetadataKeys(status: CustomerStatus) async throws(CustomerError) -> [String] {
        let scope = scope
        let keys = try await read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT key FROM customer_metadata WHERE status = ? AND seq BETWEEN ? AND ?",
                                arguments: [status.rawValue, scope.seqRange.lowerBound, scope.seqRange.upperBound])
        }
        // Swift's order and equality (canonical equivalence), as a map of the keys would give.
        return Array(Set(keys)).sorted()
    }

    public func storedCells(status: CustomerStatus, textFields: [CustomerField], metadataKeys: [String],
                            from resume: Int64?, batchSize: Int) async throws(CustomerError) -> StoredCells {
        let scope = scope
        let sql = StoredCellQuery.sql(textFields)
        return try await read { db in
            let statement = try db.cachedStatement(sql: sql)
            try statement.setArguments([scope.number, status.rawValue, resume ?? scope.seqRange.lowerBound - 1,
                                        scope.seqRange.upperBound])
            var reader = StoredCellQuery(textCount: textFields.count, metadataKeys: metadataKeys)
            return try reader.read(statement.sqliteStatement, batchSize: max(1, batchSize), db)
        }
    }
}

/// One pass over the customers joined with their metadata pairs (one row per pair, or one
/// without a pair), gathered into one row of cells per customer.
struct StoredCellQuery {
    let textCount: Int
    /// Each metadata key's place among the metadata cells.
    let keyColumns: [String: Int]
    private var cells: StoredCells
    /// The current customer's metadata values, in `pairBytes`, by place.
    private var pairs: [Range<Int>?]
    private var pairBytes: [UInt8] = []
    /// The current customer's metadata holds a value that is not text.
    private var metadataUnreadable = false

    init(textCount: Int, metadataKeys: [String]) {
        self.textCount = textCount
        keyColumns = Dictionary(metadataKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        cells = StoredCells(width: textCount + metadataKeys.count)
        pairs = Array(repeating: nil, count: metadataKeys.count)
    }

    /// Columns: seq, the text fields, then the pair's key, value and type. Only text values
    /// are metadata (what the store writes); metadata that is not a JSON object reads as none,
    /// as it does in a `Customer`.
    static func sql(_ textFields: [CustomerField]) -> String {
        let texts = textFields.map { field -> String in
            if field == .parentCustomerExternalID {
                return "(SELECT p.external_id FROM customers AS p WHERE p.id = c.parent_customer_id AND p.scope_no = c.scope_no)"
            }
            return FieldCatalogue[field].column.map { "c.\($0)" } ?? "NULL"
        }
        return """
            SELECT c.seq, \(texts.joined(separator: ", ")), m.key, m.value, m.type
            FROM customers AS c LEFT JOIN json_each(
                CASE WHEN json_valid(c.metadata) AND json_type(c.metadata) = 'object' THEN c.metadata END) AS m
            WHERE c.scope_no = ? AND c.status = ? AND c.seq > ? AND c.seq <= ?
            ORDER BY c.seq
            """
    }

    /// Steps `statement` (its arguments bound) until `batchSize` customers are complete.
    mutating func read(_ statement: OpaquePointer, batchSize: Int, _ db: Database) throws -> StoredCells {
        defer { sqlite3_reset(statement) }
        let keyAt = Int32(textCount + 1)
        var current: Int64?
        var complete = 0
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let seq = sqlite3_column_int64(statement, 0)
            if seq != current {
                if let done = current {
                    finishRow()
                    complete += 1
                    if complete == batchSize {
                        cells.resume = done
                        return cells
                    }
                }
                current = seq
                for column in 1..<keyAt { cells.append(Self.text(statement, column) ?? UnsafeRawBufferPointer(start: nil, count: 0)) }
            }
            guard let key = Self.text(statement, keyAt) else { continue }
            guard Self.isText(statement, keyAt + 2) else {
                // A `Customer` reads such metadata (never written by the store) as none at all.
                metadataUnreadable = true
                continue
            }
            if let place = keyColumns[String(decoding: key, as: UTF8.self)] {
                let start = pairBytes.count
                pairBytes.append(contentsOf: Self.text(statement, keyAt + 1) ?? UnsafeRawBufferPointer(start: nil, count: 0))
                pairs[place] = start..<pairBytes.count
            }
        }
        if current != nil { finishRow() }
        cells.resume = nil
        return cells
    }

    /// The metadata cells of the current customer, in key order; ready for the next.
    private mutating func finishRow() {
        pairBytes.withUnsafeBytes { bytes in
            for place in pairs.indices {
                if let range = pairs[place], !metadataUnreadable {
                    cells.append(UnsafeRawBufferPointer(rebasing: bytes[range]))
                } else {
                    cells.appendEmpty()
                }
                pairs[place] = nil
            }
        }
        pairBytes.removeAll(keepingCapacity: true)
        metadataUnreadable = false
    }

    /// A column's text, valid until the next step; nil for NULL.
    private static func text(_ statement: OpaquePointer, _ column: Int32) -> UnsafeRawBufferPointer? {
        guard let start = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement, column)))
    }

    private static func isText(_ statement: OpaquePointer, _ column: Int32) -> Bool {
        guard let type = text(statement, column) else { return false }
        return type.elementsEqual("text".utf8)
    }
}
