import CustomerKit
import GRDB

extension LocalCustomerStore {
    /// The customers matching `criteria`: one page in its order, with the exact total.
    /// See `CustomerCriteria` for the semantics and `CriteriaListing` for the cost of each kind.
    public func find(_ criteria: CustomerCriteria) async throws(CustomerError) -> CustomerPage {
        if let problem = criteria.problem { throw problem }
        let listing = CriteriaListing(scope: storeScope)
        return try await read { db in try listing.page(criteria, db) }
    }

    /// The integration mappings kept with each of these customers (as sent in the latest create
    /// or update that had them), by customer id. Customers without any are left out.
    public func integrationMappings(customerIDs: [String]) async throws(CustomerError)
        -> [String: [IntegrationEntityMapping]] {
        let ids = Array(Set(customerIDs.filter { !$0.utf8.contains(0) }))
        guard !ids.isEmpty else { return [:] }
        let scope = storeScope
        let rows = try await read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let sql = """
                SELECT id, integration_entity_mapping FROM customers
                WHERE scope_no = ? AND id IN (\(marks)) AND integration_entity_mapping IS NOT NULL
                """
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments([scope.number] + ids))
                .map { (id: $0[0] as String, json: $0[1] as String) }
        }
        var out: [String: [IntegrationEntityMapping]] = [:]
        for row in rows {
            if let mappings = JSONCoding.decode([IntegrationEntityMapping].self, from: row.json), !mappings.isEmpty {
                out[row.id] = mappings
            }
        }
        return out
    }
}

extension LocalCustomerStore {
    public func integrationMappings(customerID: String) async throws(CustomerError) -> [IntegrationEntityMapping] {
        try await integrationMappings(customerIDs: [customerID])[customerID] ?? []
    }

    /// The store keeps the mappings of each create and update that sends them.
    public var keepsIntegrationMappings: Bool { true }
}

/// `customer_fold(text)`: SearchText's folding (Unicode lower-case, NFC) as an SQL function,
/// registered on every connection.
enum CustomerFold {
    static let function = DatabaseFunction("customer_fold", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return SearchText.normalize(text)
    }

    /// `customer_name_sort_key(name)`: `NameSortKey`, for the v2 migration's backfill of `sort_name`.
    static let nameSortKey = DatabaseFunction("customer_name_sort_key", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return NameSortKey.of(text)
    }
}
