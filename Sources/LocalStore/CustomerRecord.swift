import CustomerKit
import Foundation
import GRDB

/// One row of `customers` as Swift values: what the store reads and writes. Converts to the
/// API's `Customer`, whose tenant and environment come from the scope (they are not repeated
/// in every row).
struct CustomerRecord: Sendable {
    var seq: Int64
    var id: String
    var externalID: String
    var name: String
    var email: String
    var contact: String?
    var addressLine1: String
    var addressLine2: String
    var addressCity: String
    var addressState: String
    var addressPostalCode: String
    var addressCountry: String
    var timezone: String
    var metadata: [String: String]?
    var parentCustomerID: String?
    /// JSON text, kept as sent (the store does not interpret them).
    var integrationEntityMapping: String?
    var taxRateOverrides: String?
    var status: CustomerStatus
    /// Microseconds since 1970, UTC.
    var createdAt: Int64
    var updatedAt: Int64
    var createdBy: String
    var updatedBy: String

    /// The columns read for a customer, in the order `init(row:)` expects.
    static let columns = """
        seq, id, external_id, name, email, contact, address_line1, address_line2, address_city, \
        address_state, address_postal_code, address_country, timezone, metadata, parent_customer_id, \
        integration_entity_mapping, tax_rate_overrides, status, created_at, updated_at, created_by, updated_by
        """

    init(seq: Int64, id: String, externalID: String, name: String, email: String, contact: String?,
         addressLine1: String, addressLine2: String, addressCity: String, addressState: String,
         addressPostalCode: String, addressCountry: String, timezone: String, metadata: [String: String]?,
         parentCustomerID: String?, integrationEntityMapping: String?, taxRateOverrides: String?,
         status: CustomerStatus, createdAt: Int64, updatedAt: Int64, createdBy: String, updatedBy: String) {
        self.seq = seq
        self.id = id
        self.externalID = externalID
        self.name = name
        self.email = email
        self.contact = contact
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.addressCity = addressCity
        self.addressState = addressState
        self.addressPostalCode = addressPostalCode
        self.addressCountry = addressCountry
        self.timezone = timezone
        self.metadata = metadata
        self.parentCustomerID = parentCustomerID
        self.integrationEntityMapping = integrationEntityMapping
        self.taxRateOverrides = taxRateOverrides
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
    }

    init(row: Row) {
        seq = row[0]
        id = row[1]
        externalID = row[2]
        name = row[3]
        email = row[4]
        contact = row[5]
        addressLine1 = row[6]
        addressLine2 = row[7]
        addressCity = row[8]
        addressState = row[9]
        addressPostalCode = row[10]
        addressCountry = row[11]
        timezone = row[12]
        // Stored by this store from a [String: String]; anything else (a hand edit) reads as absent.
        metadata = (row[13] as String?).flatMap { JSONCoding.decode([String: String].self, from: $0) }
        parentCustomerID = row[14]
        integrationEntityMapping = row[15]
        taxRateOverrides = row[16]
        status = CustomerStatus(row[17] as String)
        createdAt = row[18]
        updatedAt = row[19]
        createdBy = row[20]
        updatedBy = row[21]
    }

    /// The normalized values the search index is built from (computed once per write).
    struct SearchValues {
        let name: String
        let email: String
        let externalID: String
    }

    var searchValues: SearchValues {
        SearchValues(name: SearchText.normalize(name), email: SearchText.normalize(email),
                     externalID: SearchText.normalize(externalID))
    }

    /// The grams this customer adds to the counts: none unless it is published.
    func grams(_ search: SearchValues) -> GramSet {
        status == .published ? GramSet([search.name, search.email, search.externalID]) : GramSet()
    }

    func customer(in scope: StoreScope) -> Customer {
        Customer(id: id, externalID: externalID, name: name, email: email, contact: contact,
                 addressLine1: addressLine1, addressLine2: addressLine2, addressCity: addressCity,
                 addressState: addressState, addressPostalCode: addressPostalCode,
                 addressCountry: addressCountry, timezone: timezone, metadata: metadata,
                 environmentID: scope.environmentID, tenantID: scope.tenantID, status: status,
                 createdAt: Self.timestamp(createdAt), updatedAt: Self.timestamp(updatedAt),
                 createdBy: createdBy, updatedBy: updatedBy, parentCustomerID: parentCustomerID,
                 includesParentCustomerID: true)
    }

    static func micros(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func timestamp(_ micros: Int64) -> Timestamp {
        Timestamp(date: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }

    // MARK: - Writing

    func insert(_ search: SearchValues, in scope: StoreScope, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO customers (seq, id, scope_no, external_id, name, email, contact, address_line1,
                address_line2, address_city, address_state, address_postal_code, address_country, timezone,
                metadata, parent_customer_id, integration_entity_mapping, tax_rate_overrides, status,
                created_at, updated_at, created_by, updated_by, search_name, search_email, search_external_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var values = baseValues(search)
        values.insert(seq.databaseValue, at: 0)
        values.insert(id.databaseValue, at: 1)
        values.insert(scope.number.databaseValue, at: 2)
        try statement.execute(arguments: StatementArguments(values))
    }

    /// Writes every column that an update may change, found by seq.
    func update(_ search: SearchValues, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE customers SET external_id = ?, name = ?, email = ?, contact = ?, address_line1 = ?,
                address_line2 = ?, address_city = ?, address_state = ?, address_postal_code = ?,
                address_country = ?, timezone = ?, metadata = ?, parent_customer_id = ?,
                integration_entity_mapping = ?, tax_rate_overrides = ?, status = ?, created_at = ?,
                updated_at = ?, created_by = ?, updated_by = ?, search_name = ?, search_email = ?,
                search_external_id = ?
            WHERE seq = ?
            """)
        var values = baseValues(search)
        values.append(seq.databaseValue)
        try statement.execute(arguments: StatementArguments(values))
    }

    /// Columns from external_id to search_external_id, in table order.
    private func baseValues(_ search: SearchValues) -> [DatabaseValue] {
        let metadataJSON = metadata.map(JSONCoding.encode)
        let values: [(any DatabaseValueConvertible)?] = [
            externalID, name, email, contact, addressLine1, addressLine2, addressCity, addressState,
            addressPostalCode, addressCountry, timezone, metadataJSON, parentCustomerID,
            integrationEntityMapping, taxRateOverrides, status.rawValue, createdAt, updatedAt, createdBy,
            updatedBy, search.name, search.email, search.externalID,
        ]
        return values.map { $0?.databaseValue ?? .null }
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
