/// One write of a batch: a create, or an update made only while the customer is at `expecting`.
public enum BulkWrite: Sendable, Hashable {
    case create(CreateCustomerRequest)
    case update(id: String, UpdateCustomerRequest, expecting: Timestamp?)
}

/// A backend that can look up and write many customers in few round trips: what an import
/// needs to keep up with a file of a million rows. The local store does each batch in one
/// transaction; `OneByOne` (BulkTransfer) gives any other backend the same shape.
public protocol BulkCustomerBackend: CustomerBackend {
    /// The published customers with these external ids, by external id (absent ids are left
    /// out).
    func published(externalIDs: [String]) async throws(CustomerError) -> [String: Customer]

    /// Applies `writes` in order, each on its own: one refused (a rule, a rival's newer
    /// version) does not undo the others. A thrown error means none of the batch was written.
    func apply(_ writes: [BulkWrite]) async throws(CustomerError) -> [Result<CustomerUpdate, CustomerError>]

    /// Calls `body` with every customer of `status`, oldest first, `batchSize` at a time:
    /// memory stays one batch whatever the number of customers.
    func forEachBatch(status: CustomerStatus, batchSize: Int, _ body: ([Customer]) async throws -> Void) async throws

    /// The export's cells straight from storage, where the backend keeps them (the local
    /// store); nil, and an export builds them from `forEachBatch`'s customers.
    var storedCellSource: (any StoredCellSource)? { get }
}

extension BulkCustomerBackend {
    public var storedCellSource: (any StoredCellSource)? { nil }
}

extension CustomerBackend {
    /// The list's pages, in the query's order, as batches: a search's or filter's customers, or
    /// every customer of a backend without a cheaper way. The query's limit and offset are the
    /// batches'.
    public func listBatches(matching query: CustomerQuery, _ body: ([Customer]) async throws -> Void) async throws {
        var offset = 0
        while true {
            var batch = query
            batch.limit = CustomerQuery.maxLimit
            batch.offset = offset
            let page = try await list(batch)
            if page.items.isEmpty { return }
            try await body(page.items)
            offset += page.items.count
            if offset >= page.total { return }
        }
    }
}

/// A backend that passes the single-customer calls on to another one unchanged: the batch
/// wrappers (`OneByOneBulk`, the audited batches) add only their batch calls.
public protocol ForwardingBackend: CustomerBackend {
    var forwardee: any CustomerBackend { get }
}

extension ForwardingBackend {
    public var label: String { forwardee.label }
    public func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer { try await forwardee.create(request) }
    public func customer(id: String) async throws(CustomerError) -> Customer { try await forwardee.customer(id: id) }
    public func customer(externalID: String) async throws(CustomerError) -> Customer {
        try await forwardee.customer(externalID: externalID)
    }
    public func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage { try await forwardee.list(query) }
    public func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate {
        try await forwardee.update(ref, request, expecting: version)
    }
    public func delete(id: String) async throws(CustomerError) { try await forwardee.delete(id: id) }
    public func integrationMappings(customerID: String) async throws(CustomerError) -> [IntegrationEntityMapping] {
        try await forwardee.integrationMappings(customerID: customerID)
    }
    public var keepsIntegrationMappings: Bool { forwardee.keepsIntegrationMappings }
}

/// A backend that finds many customers by external id in one request (the remote API's
/// search with `external_ids`): an import's lookups then cost one request per batch.
public protocol BatchLookup: CustomerBackend {
    func published(externalIDs: [String]) async throws(CustomerError) -> [String: Customer]
}

/// Batch access to a backend that has no batch calls of its own (the remote API): each write
/// is its own request, up to `concurrency` at a time, with the backend's own retries and
/// single-create guarantee; lookups likewise.
public struct OneByOneBulk: BulkCustomerBackend, ForwardingBackend {
    public let base: any CustomerBackend
    public let concurrency: Int

    public init(_ base: any CustomerBackend, concurrency: Int) {
        self.base = base
        self.concurrency = max(1, concurrency)
    }

    public var forwardee: any CustomerBackend { base }

    public func published(externalIDs: [String]) async throws(CustomerError) -> [String: Customer] {
        if let batch = base as? any BatchLookup { return try await batch.published(externalIDs: externalIDs) }
        let base = base
        let found = await Self.each(externalIDs, concurrency: concurrency) { externalID -> Result<Customer?, CustomerError> in
            do throws(CustomerError) {
                let customer = try await base.customer(externalID: externalID)
                return .success(customer.status == .published ? customer : nil)
            } catch .notFound {
                return .success(nil)
            } catch {
                return .failure(error)
            }
        }
        var byID: [String: Customer] = [:]
        for result in found {
            switch result {
            case .success(let customer?): byID[customer.externalID] = customer
            case .success(nil): break
            case .failure(let error): throw error
            }
        }
        return byID
    }

    public func forEachBatch(status: CustomerStatus, batchSize: Int, _ body: ([Customer]) async throws -> Void) async throws {
        try await base.listBatches(matching: CustomerQuery(status: status), body)
    }

    public func apply(_ writes: [BulkWrite]) async throws(CustomerError) -> [Result<CustomerUpdate, CustomerError>] {
        let base = base
        return await Self.each(writes, concurrency: concurrency) { write -> Result<CustomerUpdate, CustomerError> in
            do throws(CustomerError) {
                switch write {
                case .create(let request):
                    return .success(CustomerUpdate(before: nil, after: try await base.create(request)))
                case let .update(id, request, version):
                    return .success(try await base.update(.id(id), request, expecting: version))
                }
            } catch {
                return .failure(error)
            }
        }
    }

    /// `body` for each item, at most `concurrency` at once, results in the items' order.
    static func each<Item: Sendable, Output: Sendable>(_ items: [Item], concurrency: Int,
                                                       _ body: @escaping @Sendable (Item) async -> Output) async -> [Output] {
        await withTaskGroup(of: (Int, Output).self) { group in
            var results = [Output?](repeating: nil, count: items.count)
            var next = 0
            while next < min(concurrency, items.count) {
                let index = next
                group.addTask { (index, await body(items[index])) }
                next += 1
            }
            while let (index, output) = await group.next() {
                results[index] = output
                if next < items.count {
                    let index = next
                    group.addTask { (index, await body(items[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
