import CustomerKit
import GRDB

/// Batches for imports and exports: one read or one write transaction per batch instead of
/// one per customer, with the same rules as the single calls.
extension LocalCustomerStore: BulkCustomerBackend {
    public func published(externalIDs: [String]) async throws(CustomerError) -> [String: Customer] {
        let scope = scope
        return try await read { db in
            let lookup = CustomerLookup(scope: scope)
            var found: [String: Customer] = [:]
            for externalID in externalIDs {
                if let record = try lookup.record(externalID: externalID, db) { found[externalID] = record.customer(in: scope) }
            }
            return found
        }
    }

    /// One transaction for the batch; each write in a savepoint of its own, so that a write the
    /// rules refuse is undone alone and reported, and the others stand.
    public func apply(_ writes: [BulkWrite]) async throws(CustomerError) -> [Result<CustomerUpdate, CustomerError>] {
        // The checks that need no database, as `create` and `update` make them.
        let checked: [CustomerError?] = writes.map { write in
            do throws(CustomerError) {
                switch write {
                case .create(let request): try RequestChecks.check(request)
                case .update(_, let request, _): try RequestChecks.check(request)
                }
                return nil
            } catch {
                return error
            }
        }
        let (writer, scope) = (self.writes, scope)
        return try await write { db in
            var grams: [UInt64: Int64] = [:]
            var last: CustomerWrites.LastInsert?
            var results: [Result<CustomerUpdate, CustomerError>] = []
            results.reserveCapacity(writes.count)
            for (write, problem) in zip(writes, checked) {
                if let problem {
                    results.append(.failure(problem))
                    continue
                }
                var outcome: Result<CustomerUpdate, CustomerError>?
                // The row's own gram counts, added to the batch's when its savepoint commits
                // (a copy of the batch's whole map per row cost more than the row's insert).
                var rowGrams: [UInt64: Int64] = [:]
                do {
                    try db.inSavepoint {
                        switch write {
                        case .create(let request):
                            let created = try writer.create(request, after: last, grams: &rowGrams, db)
                            last = created.last
                            outcome = .success(CustomerUpdate(before: nil, after: created.record.customer(in: scope)))
                        case let .update(id, request, version):
                            let (old, new) = try writer.update(.id(id), request,
                                                               expecting: version.map { CustomerRecord.micros($0.date) }, db)
                            outcome = .success(CustomerUpdate(before: old.customer(in: scope), after: new.customer(in: scope)))
                        }
                        return .commit
                    }
                    grams.merge(rowGrams, uniquingKeysWith: +)
                } catch let error as CustomerError {
                    outcome = .failure(error)
                }
                results.append(outcome!)
            }
            try GramCounts.apply(grams, in: scope, db)
            return results
        }
    }

    /// Calls `body` with the customers of `status`, oldest first, `batchSize` at a time, each
    /// batch read in a transaction of its own: memory stays one batch whatever the store's
    /// size, and a writer is never held back for the whole export.
    public func forEachBatch(status: CustomerStatus, batchSize: Int,
                             _ body: ([Customer]) async throws -> Void) async throws {
        let scope = scope
        var after = scope.seqRange.lowerBound - 1
        while true {
            let from = after
            let (batch, lastSeq): ([Customer], Int64?) = try await read { db in
                let sql = """
                    SELECT \(CustomerRecord.columns) FROM customers
                    WHERE scope_no = ? AND status = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?
                    """
                let rows = try Row.fetchAll(db.cachedStatement(sql: sql),
                                            arguments: [scope.number, status.rawValue, from, scope.seqRange.upperBound, batchSize])
                return (rows.map { CustomerRecord(row: $0).customer(in: scope) }, rows.last?["seq"])
            }
            guard let lastSeq else { return }
            try await body(batch)
            after = lastSeq
            if batch.count < batchSize { return }
        }
    }
}
