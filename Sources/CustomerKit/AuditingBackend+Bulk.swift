/// Batches through an auditing backend are audited row by row, as single writes are.
extension AuditingBackend {
    /// Batch access to this backend: the base's own batch calls where it has them (the local
    /// store), else one request per write, `concurrency` at a time; every write audited.
    public func bulk(concurrency: Int) -> any BulkCustomerBackend {
        AuditedBulk(auditing: self, base: (base as? any BulkCustomerBackend) ?? OneByOneBulk(base, concurrency: concurrency))
    }
}

/// Batch access for any backend: audited where the backend audits.
public enum BulkAccess {
    public static func make(_ backend: any CustomerBackend, concurrency: Int) -> any BulkCustomerBackend {
        if let auditing = backend as? AuditingBackend { return auditing.bulk(concurrency: concurrency) }
        if let bulk = backend as? any BulkCustomerBackend { return bulk }
        return OneByOneBulk(backend, concurrency: concurrency)
    }
}

/// Single calls go through the auditing backend; batches to the base, audited here.
struct AuditedBulk: BulkCustomerBackend, ForwardingBackend {
    let auditing: AuditingBackend
    let base: any BulkCustomerBackend

    var forwardee: any CustomerBackend { auditing }

    func published(externalIDs: [String]) async throws(CustomerError) -> [String: Customer] {
        try await base.published(externalIDs: externalIDs)
    }

    func forEachBatch(status: CustomerStatus, batchSize: Int, _ body: ([Customer]) async throws -> Void) async throws {
        try await base.forEachBatch(status: status, batchSize: batchSize, body)
    }

    /// Reads are not audited: the base's cells as they are.
    var storedCellSource: (any StoredCellSource)? { base.storedCellSource }

    func apply(_ writes: [BulkWrite]) async throws(CustomerError) -> [Result<CustomerUpdate, CustomerError>] {
        let results = try await base.apply(writes)
        var entries: [AuditEntry] = []
        for (write, result) in zip(writes, results) {
            guard case .success(let outcome) = result else { continue }
            switch write {
            case .create:
                entries.append(auditing.entry(.create, outcome.after, AuditEntry.changes(from: nil, to: outcome.after)))
            case .update(_, let request, _):
                entries.append(auditing.updateEntry(outcome, request))
            }
        }
        if !entries.isEmpty { auditing.recordMany(entries) }
        return results
    }
}
