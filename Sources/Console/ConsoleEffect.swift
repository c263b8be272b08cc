import CustomerKit

/// Work a screen asks for. Screens never touch the backend: they return effects, the runner
/// performs them off the input loop, and the outcome comes back as a `BackendResult`.
public enum ConsoleEffect: Sendable, Hashable {
    case loadPage(CustomerQuery)
    case loadCustomer(id: String)
    case loadChildren(parentID: String)
    case searchParents(text: String)
    case create(CreateCustomerRequest)
    /// An edit, made only while the customer is at `expecting` (the version the form was
    /// opened on, or the rival's version the operator chose to overwrite).
    case update(CustomerRef, UpdateCustomerRequest, expecting: Timestamp?)
    case delete(id: String)
    /// The newest entries of the audit trail.
    case loadAudit(limit: Int)
}

/// What came back from the backend for one effect (the runtime returns it with the effect's
/// `RequestTicket`).
public enum BackendResult: Sendable, Hashable {
    case page(CustomerPage, query: CustomerQuery)
    case customer(Customer)
    case children(CustomerPage, parentID: String)
    case parents(CustomerPage)
    case created(Customer)
    case updated(Customer)
    case deleted(id: String)
    case audit([AuditEntry])
    case failed(CustomerError, effect: ConsoleEffect)
}

/// Performs effects against a backend. Used by the terminal runner and by headless tests alike.
public struct EffectRunner: Sendable {
    public let backend: any CustomerBackend
    public let auditTrail: (any AuditTrail)?

    public init(backend: any CustomerBackend, auditTrail: (any AuditTrail)? = nil) {
        self.backend = backend
        self.auditTrail = auditTrail
    }

    public func perform(_ effect: ConsoleEffect) async -> BackendResult {
        do {
            switch effect {
            case let .loadPage(query):
                return .page(try await backend.list(query), query: query)
            case let .loadCustomer(id):
                return .customer(try await backend.customer(id: id))
            case let .loadChildren(parentID):
                let query = CustomerQuery(limit: CustomerQuery.maxLimit, parentCustomerID: parentID)
                return .children(try await backend.list(query), parentID: parentID)
            case let .searchParents(text):
                let query = CustomerQuery(search: text.isEmpty ? nil : text, limit: 20)
                return .parents(try await backend.list(query))
            case let .create(request):
                return .created(try await backend.create(request))
            case let .update(ref, request, version):
                return .updated(try await backend.update(ref, request, expecting: version).after)
            case let .delete(id):
                try await backend.delete(id: id)
                return .deleted(id: id)
            case let .loadAudit(limit):
                return .audit(auditTrail?.recent(limit: limit) ?? [])
            }
        } catch {
            return .failed(error, effect: effect)
        }
    }
}
