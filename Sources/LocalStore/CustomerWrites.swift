import CustomerKit
import Foundation
import GRDB

/// Create, update and soft delete, each run inside one write transaction that the caller
/// opened. Requests have passed `RequestChecks` already; this adds the rules that need the
/// data: unique external ids, parents, list positions and search counts.
struct CustomerWrites {
    let scope: StoreScope
    let operatorName: String
    let clock: @Sendable () -> Date
    let ids: ULIDGenerator

    private var lookup: CustomerLookup { CustomerLookup(scope: scope) }
    private var parents: ParentRules { ParentRules(scope: scope) }

    /// The last customer this transaction inserted: lets a bulk insert skip looking up the
    /// newest row each time.
    struct LastInsert {
        let seq: Int64
        let key: ListPosition.Key
    }

    /// Inserts a customer. Gram count changes are added to `grams` for the caller to apply once.
    func create(_ request: CreateCustomerRequest, after last: LastInsert?, grams: inout [UInt64: Int64],
                _ db: Database) throws -> (record: CustomerRecord, last: LastInsert) {
        if try lookup.externalIDTaken(request.externalID, db) {
            throw Self.duplicate(request.externalID)
        }
        var parentID: String?
        if case .attach(let id) = try parents.change(id: request.parentCustomerID,
                                                     externalID: request.parentCustomerExternalID,
                                                     for: nil, db) {
            parentID = id
        }
        let now = clock()
        let micros = CustomerRecord.micros(now)
        let id = "cust_" + ids.next(at: now)
        let key = ListPosition.Key(createdAt: micros, id: id)
        let seq: Int64
        if let last, last.key < key, last.seq + ListPosition.gap <= scope.seqRange.upperBound {
            seq = last.seq + ListPosition.gap
        } else {
            seq = try ListPosition.allocate(key, in: scope, db)
        }
        // Every catalogue text column from the request, "" for those not given; the time zone
        // has its default (`CustomerTexts.stored`), and the parent is the one the rules resolved (by id or external id).
        var texts = CustomerTexts()
        for descriptor in CustomerRecord.textColumns {
            texts[descriptor.field] = request.texts[descriptor.field] ?? (descriptor.columnIsNullable ? nil : "")
        }
        texts.timezone = CustomerTexts.stored(request.timezone ?? "", in: .timezone)
        texts.parentCustomerID = parentID
        let record = CustomerRecord(
            seq: seq, id: id, texts: texts, metadata: request.metadata,
            integrationEntityMapping: try request.integrationEntityMapping.map { try JSONCoding.encode($0) },
            taxRateOverrides: try request.taxRateOverrides.map { try JSONCoding.encode($0) },
            status: .published, createdAt: micros, updatedAt: micros,
            createdBy: operatorName, updatedBy: operatorName)
        let search = record.searchValues
        try record.insert(search, in: scope, db)
        for gram in record.grams(search).keys { grams[gram, default: 0] += 1 }
        return (record, LastInsert(seq: seq, key: key))
    }

    /// Applies a partial update: absent fields stay, `""` clears an optional field, metadata is
    /// replaced whole. The customer may be archived when addressed by id (as the server allows).
    /// With `expecting` (microseconds of `updated_at`), only if the row is still at that version:
    /// else `.versionConflict` with the customer as it is. Returns the row before and after.
    func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Int64?, _ db: Database) throws
        -> (old: CustomerRecord, new: CustomerRecord) {
        let old = try find(ref, db)
        if let version, old.updatedAt != version { throw CustomerError.versionConflict(old.customer(in: scope)) }
        var new = old
        if let externalID = request.externalID, externalID != old.externalID {
            if old.status == .published, try lookup.externalIDTaken(externalID, excluding: old.id, db) {
                throw Self.duplicate(externalID)
            }
            new.externalID = externalID
        }
        // Each catalogue text column the request holds; the external id and the parent have
        // their own rules (above and below).
        for descriptor in CustomerRecord.textColumns where descriptor.field != .externalID && descriptor.field != .parentCustomerID {
            if let value = request.texts[descriptor.field] { new.texts[descriptor.field] = CustomerTexts.stored(value, in: descriptor.field) }
        }
        if let metadata = request.metadata { new.metadata = metadata }
        if let mappings = request.integrationEntityMapping {
            new.integrationEntityMapping = try JSONCoding.encode(mappings)
        }
        switch try parents.change(id: request.parentCustomerID, externalID: request.parentCustomerExternalID,
                                  for: old, db) {
        case .keep: break
        case .detach: new.parentCustomerID = nil
        case .attach(let id): new.parentCustomerID = id
        }
        // Strictly later than the version it replaces, so that a version names one state even
        // when two writes fall in the same microsecond (or the clock steps back).
        new.updatedAt = max(CustomerRecord.micros(clock()), old.updatedAt + 1)
        new.updatedBy = operatorName
        try save(old: old, new: new, db)
        return (old, new)
    }

    /// Soft delete: the customer becomes archived and its external id free for reuse.
    func archive(id: String, _ db: Database) throws {
        guard let old = try lookup.record(id: id, db) else { throw Self.unknownID(id) }
        guard old.status == .published else {
            throw CustomerError.notFound(message: "Customer does not exist", details: [:])
        }
        try parents.checkCanArchive(old, db)
        var new = old
        new.status = .archived
        new.updatedAt = max(CustomerRecord.micros(clock()), old.updatedAt + 1)
        new.updatedBy = operatorName
        try save(old: old, new: new, db)
    }

    private func save(old: CustomerRecord, new: CustomerRecord, _ db: Database) throws {
        let oldSearch = old.searchValues
        let newSearch = new.searchValues
        try new.update(newSearch, db)
        try GramCounts.apply(GramCounts.deltas(from: old.grams(oldSearch), to: new.grams(newSearch)),
                             in: scope, db)
    }

    private func find(_ ref: CustomerRef, _ db: Database) throws -> CustomerRecord {
        switch ref {
        case .id(let id):
            guard let record = try lookup.record(id: id, db) else { throw Self.unknownID(id) }
            return record
        case .externalID(let externalID):
            guard let record = try lookup.record(externalID: externalID, db) else {
                throw Self.unknownExternalID(externalID)
            }
            return record
        }
    }

    static func duplicate(_ externalID: String) -> CustomerError {
        .alreadyExists(message: "A customer with this identifier already exists", details: ["external_id": externalID])
    }

    static func unknownID(_ id: String) -> CustomerError {
        .notFound(message: "Customer with ID \(id) was not found", details: ["customer_id": id])
    }

    static func unknownExternalID(_ externalID: String) -> CustomerError {
        .notFound(message: "Customer with lookup key \(externalID) was not found", details: ["lookup_key": externalID])
    }
}
