/// Which customer an update addresses: by FlexPrice id, or by the operator's external id.
public enum CustomerRef: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case externalID(String)

    public var description: String {
        switch self {
        case .id(let id): id
        case .externalID(let x): "external id \(x)"
        }
    }
}

/// A list or search request. Results come in `order` (newest first unless told otherwise).
public struct CustomerQuery: Sendable, Hashable {
    /// Case-insensitive substring matched against name, email and external id (any of them).
    public var search: String?
    public var status: CustomerStatus
    /// 1...1000, as the API allows.
    public var limit: Int
    public var offset: Int
    /// Exact external id.
    public var externalID: String?
    /// Only children of this customer (local store and this project's server).
    public var parentCustomerID: String?
    /// Exact country code (`address_country`).
    public var country: String?
    /// Every pair must be in the customer's metadata (containment, as the API's `metadata`).
    public var metadata: [String: String]
    public var order: CustomerListOrder

    public static let maxLimit = 1000
    /// What is wrong with a limit outside 1...maxLimit, in the API's words.
    public static let limitProblem = "must be between 1 and \(maxLimit)"

    public init(search: String? = nil, status: CustomerStatus = .published, limit: Int = 50, offset: Int = 0,
                externalID: String? = nil, parentCustomerID: String? = nil, country: String? = nil,
                metadata: [String: String] = [:], order: CustomerListOrder = .newestFirst) {
        self.search = search
        self.status = status
        self.limit = limit
        self.offset = offset
        self.externalID = externalID
        self.parentCustomerID = parentCustomerID
        self.country = country
        self.metadata = metadata
        self.order = order
    }

    /// Whether the query filters or sorts beyond search and status (the list's `f` and `s`).
    public var refinesList: Bool { country != nil || !metadata.isEmpty || !order.isDefault }

    /// A validation error when limit or offset are out of the API's range.
    public var problem: CustomerError? {
        if limit < 1 || limit > Self.maxLimit {
            return .validation(message: "Invalid filter parameters", fields: ["limit": Self.limitProblem])
        }
        if offset < 0 {
            return .validation(message: "Invalid filter parameters", fields: ["offset": "must be 0 or more"])
        }
        return nil
    }
}

/// One page of customers. `offset` is the offset that was asked for (unlike the API's
/// `pagination.offset`, which is the next page's; see `ListCustomersResponse`).
public struct CustomerPage: Sendable, Hashable {
    public var items: [Customer]
    /// Every match of the query, ignoring limit and offset.
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Customer], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    public var hasMore: Bool { offset + items.count < total && items.count == limit }
}

/// Where customers live: the embedded store or a FlexPrice-compatible API.
///
/// Every failure is a `CustomerError`. Implementations check requests against
/// `CustomerValidation` before doing anything.
public protocol CustomerBackend: Sendable {
    /// A short description for a status bar, e.g. "local: /path/customers.sqlite".
    var label: String { get }
    func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer
    func customer(id: String) async throws(CustomerError) -> Customer
    /// Published customers only, exact and case-sensitive.
    func customer(externalID: String) async throws(CustomerError) -> Customer
    func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage
    /// Partial update: only the fields present change; metadata is replaced whole. With
    /// `expecting`, only if the customer is still at that version (its `updated_at`): otherwise
    /// `.versionConflict` with the customer as it is, and nothing changes. The check and the
    /// write are one step where the backend can make them one (the local store's transaction,
    /// an `If-Match` to a server that takes it); `before` is the customer as that step found it.
    func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate
    /// Soft delete: the customer becomes `archived`.
    func delete(id: String) async throws(CustomerError)
    /// The customer's integration mappings (Stripe, Razorpay, ... customer ids), as the backend
    /// has them: the local store the ones its creates and updates kept, a server those of
    /// `?expand=integrations`. Empty when there are none.
    func integrationMappings(customerID: String) async throws(CustomerError) -> [IntegrationEntityMapping]
    /// Whether a create or update keeps `integration_entity_mapping` (the local store and this
    /// project's server do; the live FlexPrice server validates it and keeps nothing, its
    /// mappings being the integrations API's).
    var keepsIntegrationMappings: Bool { get }
}

/// What an update did: the customer before (when the backend saw it) and after.
public struct CustomerUpdate: Sendable, Hashable {
    public var before: Customer?
    public var after: Customer

    public init(before: Customer?, after: Customer) {
        self.before = before
        self.after = after
    }
}

extension CustomerBackend {
    public func integrationMappings(customerID: String) async throws(CustomerError) -> [IntegrationEntityMapping] { [] }
    public var keepsIntegrationMappings: Bool { false }

    /// An update with no version check.
    public func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest) async throws(CustomerError) -> Customer {
        try await update(ref, request, expecting: nil).after
    }
}
