import CustomerKit
import Foundation
import GRDB

/// One row of `customers` as Swift values: what the store reads and writes. Converts to the
/// API's `Customer`, whose tenant and environment come from the scope (they are not repeated
/// in every row). The text columns are the field catalogue's; a row is read by column name.
@dynamicMemberLookup
struct CustomerRecord: Sendable, FetchableRecord {
    var seq: Int64
    var id: String
    /// The catalogue's text fields that have a column (a NOT NULL column is never nil here).
    var texts: CustomerTexts
    var metadata: [String: String]?
    /// JSON text, kept as sent (the store does not interpret them).
    var integrationEntityMapping: String?
    var taxRateOverrides: String?
    var status: CustomerStatus
    /// Microseconds since 1970, UTC.
    var createdAt: Int64
    var updatedAt: Int64
    var createdBy: String
    var updatedBy: String

    /// A text column by name; NULL reads as `""`.
    subscript(dynamicMember path: WritableKeyPath<CustomerTexts, String?>) -> String {
        get { texts[keyPath: path] ?? "" }
        set { texts[keyPath: path] = newValue }
    }

    /// NULL when no parent.
    var parentCustomerID: String? {
        get { texts.parentCustomerID }
        set { texts.parentCustomerID = newValue }
    }

    /// The catalogue's text fields stored in a column of their own.
    static let textColumns: [FieldDescriptor] = FieldCatalogue.textFields.filter { $0.column != nil }

    /// Columns this type reads: the bookkeeping, then the catalogue's.
    static let columnNames = ["seq", "id"] + FieldCatalogue.columns + ["status", "created_at", "updated_at", "created_by", "updated_by"]
    static let columns = columnNames.joined(separator: ", ")

    /// Each column's position in `columns`: a row selected with them is read by these indexes,
    /// found from the names once, instead of GRDB matching every name (case-insensitively) in
    /// every row, which was most of the time an export spent.
    private static let positions: [String: Int] = Dictionary(uniqueKeysWithValues: columnNames.enumerated().map { ($1, $0) })
    private static let textPositions: [(field: CustomerField, index: Int)] = textColumns.map { ($0.field, positions[$0.column!]!) }
    private static func at(_ name: String) -> Int { positions[name]! }
    private static let seqAt = at("seq"), idAt = at("id"), metadataAt = at(CustomerField.metadata.rawValue)
    private static let mappingAt = at(CustomerField.integrationEntityMapping.rawValue), overridesAt = at(CustomerField.taxRateOverrides.rawValue)
    private static let statusAt = at("status"), createdAtAt = at("created_at"), updatedAtAt = at("updated_at")
    private static let createdByAt = at("created_by"), updatedByAt = at("updated_by")

    init(seq: Int64, id: String, texts: CustomerTexts, metadata: [String: String]?, integrationEntityMapping: String?,
         taxRateOverrides: String?, status: CustomerStatus, createdAt: Int64, updatedAt: Int64, createdBy: String,
         updatedBy: String) {
        self.seq = seq
        self.id = id
        self.texts = texts
        self.metadata = metadata
        self.integrationEntityMapping = integrationEntityMapping
        self.taxRateOverrides = taxRateOverrides
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
    }

    /// A row selected with `columns` (in that order: every query of this store does).
    init(row: Row) {
        precondition(row.count == Self.columnNames.count, "a customer row is selected with CustomerRecord.columns")
        seq = row[Self.seqAt]
        id = row[Self.idAt]
        var texts = CustomerTexts()
        for (field, index) in Self.textPositions { texts[field] = row[index] as String? }
        self.texts = texts
        // Stored by this store from a [String: String]; anything else (a hand edit) reads as absent.
        metadata = (row[Self.metadataAt] as String?).flatMap { JSONCoding.decode([String: String].self, from: $0) }
        integrationEntityMapping = row[Self.mappingAt]
        taxRateOverrides = row[Self.overridesAt]
        status = CustomerStatus(row[Self.statusAt] as String)
        createdAt = row[Self.createdAtAt]
        updatedAt = row[Self.updatedAtAt]
        createdBy = row[Self.createdByAt]
        updatedBy = row[Self.updatedByAt]
    }

    /// The normalized values the search index is built from (computed once per write).
    struct SearchValues {
        let name: String
        let email: String
        let externalID: String
        /// The name's place in an alphabetical list (`sort_name`).
        let nameOrder: String
    }

    var searchValues: SearchValues {
        SearchValues(name: SearchText.normalize(self.name), email: SearchText.normalize(self.email),
                     externalID: SearchText.normalize(self.externalID), nameOrder: NameSortKey.of(self.name))
    }

    /// The grams this customer adds to the counts: none unless it is published.
    func grams(_ search: SearchValues) -> GramSet {
        status == .published ? GramSet([search.name, search.email, search.externalID]) : GramSet()
    }

    func customer(in scope: StoreScope) -> Customer {
        var customer = Customer(id: id, externalID: "", metadata: metadata, environmentID: scope.environmentID,
                                tenantID: scope.tenantID, status: status, createdAt: Self.timestamp(createdAt),
                                updatedAt: Self.timestamp(updatedAt), createdBy: createdBy, updatedBy: updatedBy,
                                includesParentCustomerID: true)
        customer.texts = texts
        return customer
    }

    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func timestamp(_ micros: Int64) -> Timestamp {
        Timestamp(date: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }

    // MARK: - Writing

    /// The columns an insert or update writes, after `seq`, `id` and `scope_no`, in the order
    /// of `writtenValues`.
    private static let writtenColumns = FieldCatalogue.columns
        + ["status", "created_at", "updated_at", "created_by", "updated_by", "search_name", "search_email", "search_external_id", "sort_name"]

    private static let insertSQL: String = {
        let columns = ["seq", "id", "scope_no"] + writtenColumns
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO customers (\(columns.joined(separator: ", "))) VALUES (\(marks))"
    }()

    private static let updateSQL =
        "UPDATE customers SET \(writtenColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE seq = ?"

    func insert(_ search: SearchValues, in scope: StoreScope, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        let values = [seq.databaseValue, id.databaseValue, scope.number.databaseValue] + writtenValues(search)
        try statement.execute(arguments: StatementArguments(values))
    }

    /// Writes every column that an update may change, found by seq.
    func update(_ search: SearchValues, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: Self.updateSQL)
        try statement.execute(arguments: StatementArguments(writtenValues(search) + [seq.databaseValue]))
    }

    /// The values of `writtenColumns`, in order.
    private func writtenValues(_ search: SearchValues) -> [DatabaseValue] {
        var values: [DatabaseValue] = []
        for descriptor in FieldCatalogue.all where descriptor.column != nil {
            switch descriptor.field {
            case .metadata: values.append(metadata.map(JSONCoding.encode).databaseValue)
            case .integrationEntityMapping: values.append(integrationEntityMapping.databaseValue)
            case .taxRateOverrides: values.append(taxRateOverrides.databaseValue)
            default:
                // A NOT NULL column gets "" for a value never set.
                let value = texts[descriptor.field] ?? (descriptor.columnIsNullable ? nil : "")
                values.append(value.databaseValue)
            }
        }
        let rest: [any DatabaseValueConvertible] = [status.rawValue, createdAt, updatedAt, createdBy, updatedBy,
                                                    search.name, search.email, search.externalID, search.nameOrder]
        return values + rest.map(\.databaseValue)
    }
}

/// JSON for the few columns that hold JSON. Sorted keys: the same map is always the same text.
enum JSONCoding {
    /// A string map as compact JSON, through CustomerKit's renderer (no encoder per row).
    static func encode(_ map: [String: String]) -> String {
        JSONValue.object(map.mapValues { .string($0) }).compactJSON
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
