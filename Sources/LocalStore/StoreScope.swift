import GRDB

/// The (tenant, environment) a store works in, and its number in this file.
///
/// Every query filters on the scope: several environments can share one file without seeing
/// each other. The number is the top bits of each customer's `seq`, so a scope's customers and
/// their full-text entries occupy one contiguous rowid range (`seqRange`).
struct StoreScope: Sendable, Hashable {
    let number: Int64
    let tenantID: String
    let environmentID: String

    /// The rowids this scope may use.
    var seqRange: ClosedRange<Int64> {
        let base = number << StoreSchema.positionBits
        return base ... (base | ((1 << StoreSchema.positionBits) - 1))
    }

    /// Finds the scope's number, registering it on first use.
    static func register(tenantID: String, environmentID: String, in db: Database) throws -> StoreScope {
        let find = "SELECT scope_no FROM scopes WHERE tenant_id = ? AND environment_id = ?"
        if let number = try Int64.fetchOne(db, sql: find, arguments: [tenantID, environmentID]) {
            return StoreScope(number: number, tenantID: tenantID, environmentID: environmentID)
        }
        let next = try Int64.fetchOne(db, sql: "SELECT coalesce(max(scope_no), 0) + 1 FROM scopes") ?? 1
        guard next <= StoreSchema.maxScopeNumber else {
            throw StoreFailure.tooManyEnvironments(limit: StoreSchema.maxScopeNumber)
        }
        try db.execute(sql: "INSERT INTO scopes (scope_no, tenant_id, environment_id) VALUES (?, ?, ?)",
                       arguments: [next, tenantID, environmentID])
        return StoreScope(number: next, tenantID: tenantID, environmentID: environmentID)
    }
}

/// Failures of the store itself (not of SQLite, not of a request), turned into
/// `CustomerError` by `StoreErrors`.
enum StoreFailure: Error {
    case tooManyEnvironments(limit: Int64)
    case newerSchema
}
