/// A backend that reports every successful create, update and delete to `record`, with each
/// field's old and new value. The console and the CLI wrap their backend in it, so every change
/// an operator makes is accounted for, whichever backend it went to.
public final class AuditingBackend: CustomerBackend {
    let base: any CustomerBackend
    let operatorName: String
    let record: @Sendable (AuditEntry) -> Void
    /// Many entries at once (a batch of an import): one write instead of one per entry.
    let recordMany: @Sendable ([AuditEntry]) -> Void

    public init(_ base: any CustomerBackend, operator operatorName: String, record: @escaping @Sendable (AuditEntry) -> Void,
                recordMany: (@Sendable ([AuditEntry]) -> Void)? = nil) {
        self.base = base
        self.operatorName = operatorName
        self.record = record
        self.recordMany = recordMany ?? { entries in entries.forEach(record) }
    }

    public var label: String { base.label }

    /// The backend the changes go to, for reads that need its own calls (an export's batches).
    public var underlying: any CustomerBackend { base }

    public func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer {
        let created = try await base.create(request)
        note(.create, created, AuditEntry.changes(from: nil, to: created))
        return created
    }

    public func customer(id: String) async throws(CustomerError) -> Customer { try await base.customer(id: id) }

    public func customer(externalID: String) async throws(CustomerError) -> Customer {
        try await base.customer(externalID: externalID)
    }

    public func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage { try await base.list(query) }

    public func integrationMappings(customerID: String) async throws(CustomerError) -> [IntegrationEntityMapping] {
        try await base.integrationMappings(customerID: customerID)
    }

    public var keepsIntegrationMappings: Bool { base.keepsIntegrationMappings }

    public func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate {
        // The version before comes from the backend's own update (the same transaction where it
        // can); without it, the entry says only what is new.
        let outcome = try await base.update(ref, request, expecting: version)
        noteUpdate(outcome, request)
        return outcome
    }

    public func delete(id: String) async throws(CustomerError) {
        let before = try? await base.customer(id: id)
        try await base.delete(id: id)
        var after = before
        after?.status = .archived
        note(.delete, before, AuditEntry.changes(from: before, to: after), id: id)
    }

    func noteUpdate(_ outcome: CustomerUpdate, _ request: UpdateCustomerRequest) {
        record(updateEntry(outcome, request))
    }

    func updateEntry(_ outcome: CustomerUpdate, _ request: UpdateCustomerRequest) -> AuditEntry {
        var changes = AuditEntry.changes(from: outcome.before, to: outcome.after)
        if outcome.before == nil {
            changes = changes.filter { key, _ in request.fields.map(\.jsonName).contains(key) }
        }
        return entry(.update, outcome.after, changes)
    }

    func note(_ action: AuditEntry.Action, _ customer: Customer?, _ changes: [String: AuditEntry.Change],
              id: String? = nil) {
        record(entry(action, customer, changes, id: id))
    }

    func entry(_ action: AuditEntry.Action, _ customer: Customer?, _ changes: [String: AuditEntry.Change],
               id: String? = nil) -> AuditEntry {
        AuditEntry(time: .now(), operator: operatorName, backend: base.label, action: action,
                   customerID: customer?.id ?? id ?? "", externalID: customer?.externalID ?? "", changes: changes)
    }
}
