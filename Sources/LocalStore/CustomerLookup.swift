import CustomerKit
import GRDB

/// Point look-ups of one customer within a scope, shared by reads and writes.
struct CustomerLookup {
    let scope: StoreScope

    /// By FlexPrice id, any status (the API returns archived customers by id).
    func record(id: String, _ db: Database) throws -> CustomerRecord? {
        // SQLite text binding stops at a NUL byte; no stored value contains one, so such a key
        // can match nothing (and must not be cut short into a different key).
        guard !id.utf8.contains(0) else { return nil }
        let sql = "SELECT \(CustomerRecord.columns) FROM customers WHERE id = ? AND scope_no = ?"
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [id, scope.number])
            .map(CustomerRecord.init(row:))
    }

    /// By external id: published customers only, exact and case-sensitive.
    func record(externalID: String, _ db: Database) throws -> CustomerRecord? {
        guard !externalID.utf8.contains(0) else { return nil }
        let sql = """
            SELECT \(CustomerRecord.columns) FROM customers
            WHERE scope_no = ? AND external_id = ? AND status = 'published'
            """
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [scope.number, externalID])
            .map(CustomerRecord.init(row:))
    }

    /// Whether a published customer other than `excluding` uses the external id.
    func externalIDTaken(_ externalID: String, excluding id: String? = nil, _ db: Database) throws -> Bool {
        let sql = "SELECT id FROM customers WHERE scope_no = ? AND external_id = ? AND status = 'published'"
        let owner = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [scope.number, externalID])
        return owner != nil && owner != id
    }

    /// Published customers whose parent is `id`.
    func liveChildCount(of id: String, _ db: Database) throws -> Int {
        let sql = """
            SELECT count(*) FROM customers
            WHERE scope_no = ? AND parent_customer_id = ? AND status = 'published'
            """
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: [scope.number, id]) ?? 0
    }
}
