import CustomerKit
import Foundation

/// The customer backend that talks to a FlexPrice-compatible HTTP API: FlexPrice cloud, a
/// self-hosted FlexPrice, or this project's own server. It follows the live server's routes
/// and error shapes (contract sections 2, 3 and 12), not only the product documents.
///
/// Requests are checked with `CustomerValidation` first, so bad input never costs a round trip.
///
/// Over a faulty network (see RELIABILITY.md): reads, the search POST, updates and deletes are
/// tried again on a refused or dropped connection, a timeout, 502/503/504 and 429, within
/// `retryPolicy`'s limits; a create is never simply repeated (`SingleCreate` looks the
/// customer up by external id first). Every call honours task cancellation promptly.
public final class RemoteCustomerClient: CustomerBackend {
    public let configuration: RemoteConfiguration
    public let retryPolicy: RetryPolicy
    private let transport: HTTPTransport
    private let sender: RetryingSender
    private let redaction: SecretRedaction

    public init(configuration: RemoteConfiguration, retryPolicy: RetryPolicy = .standard) {
        self.configuration = configuration
        self.retryPolicy = retryPolicy
        self.transport = HTTPTransport(configuration: configuration)
        self.sender = RetryingSender(transport: transport, policy: retryPolicy)
        self.redaction = SecretRedaction(secret: configuration.apiKey)
    }

    /// "remote: https://us.api.flexprice.io/v1 (env env_...)"; never shows the key.
    public var label: String { configuration.label }

    /// `POST /customers`; the server answers 201 with the customer (any 2xx with a customer
    /// body is taken). Never repeated blindly: after a failure that may hide a created
    /// customer, it is looked up by external id first (`SingleCreate`), so one call makes at
    /// most one customer.
    public func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer {
        let issues = CustomerValidation.validate(request)
        guard issues.isEmpty else { throw .validation(issues) }
        let apiRequest = APIRequest(.post, ["customers"], body: CustomerJSON.encode(request))
        let create = SingleCreate(
            request: request, policy: retryPolicy, host: transport.hostDescription,
            send: { [transport] in await transport.attempt(apiRequest) },
            lookUp: { [self] () throws(CustomerError) in try await customer(externalID: request.externalID) },
            translate: { [self] response in translate(response, apiRequest) },
            decode: { [self] response throws(CustomerError) in try decode(Customer.self, response, what: "a customer") })
        do throws(CustomerError) {
            return try await create.run()
        } catch {
            throw redaction.apply(error)
        }
    }

    /// `GET /customers/{id}`; archived customers are returned too. An id containing `/` is
    /// reported not found without a request (see `checkID`).
    public func customer(id: String) async throws(CustomerError) -> Customer {
        try Self.checkID(id)
        return try await read(APIRequest(.get, ["customers", id])).customer
    }

    /// `GET /customers/external/{external_id}`, except for an external id containing `/`: the
    /// server routes on the decoded path, so no encoding gets such an id through (contract
    /// section 6). Those are looked up with a search on `external_id` instead.
    public func customer(externalID: String) async throws(CustomerError) -> Customer {
        guard !externalID.isEmpty else { throw .validation([FieldIssue(field: .externalID, kind: .required)]) }
        if !externalID.contains("/") {
            return try await read(APIRequest(.get, ["customers", "external", externalID])).customer
        }
        let query = CustomerQuery(status: .published, limit: 2, externalID: externalID)
        let page = try await search.run(query)
        // Check rather than trust: a server that ignored the filter would return anyone.
        guard let match = page.items.first(where: { $0.externalID == externalID && $0.status == .published }) else {
            throw .notFound(message: "Customer with lookup key \(externalID) was not found",
                            details: ["lookup_key": externalID])
        }
        return match
    }

    /// `POST /customers/search`, newest first. The page's `offset` is the one asked for (the
    /// server answers the next page's).
    ///
    /// `search` matches name OR email OR external id (case-insensitive substring). The server
    /// combines its filters with AND, so this runs one query per field and merges them by id.
    /// Each of those fetches its first `offset + limit` rows (in requests of at most 1000), so
    /// deep pages of a search cost more. `total` is then exact when every field's query was
    /// read to its end, and otherwise an upper bound: the sum of the three totals minus the
    /// duplicates seen, so `hasMore` may promise a page that turns out empty.
    ///
    /// `parentCustomerID` (a customer's children) is a `parent_customer_id` filter for this
    /// project's server, which keeps parents. The live server dropped parent customers and
    /// refuses the column (contract section 15), so there a customer has no children: an empty
    /// page, without a request. (Ignoring the filter would list every customer as a child.)
    public func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage {
        if let problem = query.problem { throw problem }
        if query.parentCustomerID != nil, transport.answeredByConsoleServer != true {
            return CustomerPage(items: [], total: 0, limit: query.limit, offset: query.offset)
        }
        return try await search.run(query)
    }

    /// `PUT /customers/{id}` or `PUT /customers?external_customer_id=...`, with only the
    /// fields the request holds (`UpdateCustomerRequest` encodes nothing else).
    ///
    /// With `expecting`, the customer is read first: when its `updated_at` is not that version,
    /// nothing is sent and `.versionConflict` carries it as it is. When the read's answer has an
    /// `ETag` (this project's server advertises its precondition so), the PUT carries it back as
    /// `If-Match` and the server checks it in the same transaction as the write: 412
    /// `version_conflict`, with the customer as it is. The live FlexPrice server has no ETag;
    /// against it only the moment between the read and the write stays unguarded. The read is
    /// also the update's `before`, for the audit trail.
    ///
    /// Repeated after a timeout or dropped connection like a read: the body holds the new
    /// values themselves, so a second copy leaves the customer as the first did. The one
    /// exception is not repeated: addressed by external id while changing that external id,
    /// a second copy would look for an external id the first had already replaced. A repeated
    /// conditional update whose first copy was applied (its answer lost) finds a newer version
    /// that already holds what was sent: that is taken as done, not as a rival's save.
    public func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate {
        let issues = CustomerValidation.validate(request)
        guard issues.isEmpty else { throw .validation(issues) }
        var apiRequest = try Self.putRequest(ref, request)
        guard let version else {
            let response = try await perform(apiRequest)
            return CustomerUpdate(before: nil, after: try decode(Customer.self, response, what: "a customer"))
        }
        let (before, tag) = try await versioned(ref)
        guard before.updatedAt == version else { throw .versionConflict(before) }
        if let tag { apiRequest.headers.append(("If-Match", tag)) }
        var trace = RetryTrace()
        let response = try await answer(apiRequest, trace: &trace)
        if response.isSuccess {
            return CustomerUpdate(before: before, after: try decode(Customer.self, response, what: "a customer"))
        }
        let error = translate(response, apiRequest).noting(trace.note)
        guard error.code == CustomerError.versionConflictCode else { throw redaction.apply(error) }
        let current: Customer
        if let said = Self.conflictingCustomer(in: response) { current = said } else { current = try await customer(id: before.id) }
        if trace.sawAmbiguousFailure, request.isApplied(to: current) {
            return CustomerUpdate(before: before, after: current)
        }
        throw redaction.apply(.versionConflict(current))
    }

    /// The customer a reference names, with the answer's `ETag` when the server gives one (a
    /// lookup that has to go through search has none).
    private func versioned(_ ref: CustomerRef) async throws(CustomerError) -> (customer: Customer, tag: String?) {
        switch ref {
        case .id(let id):
            try Self.checkID(id)
            return try await read(APIRequest(.get, ["customers", id]))
        case .externalID(let externalID) where !externalID.isEmpty && !externalID.contains("/"):
            return try await read(APIRequest(.get, ["customers", "external", externalID]))
        case .externalID(let externalID):
            return (try await customer(externalID: externalID), nil)
        }
    }

    /// `GET /customers/{id}?expand=integrations`: the mappings the server has for the customer
    /// (on the live server, its integrations API's; on this project's server, those kept from
    /// creates and updates).
    public func integrationMappings(customerID: String) async throws(CustomerError) -> [IntegrationEntityMapping] {
        try Self.checkID(customerID)
        let found = try await read(APIRequest(.get, ["customers", customerID], query: [("expand", "integrations")])).customer
        return (found.integrations ?? []).map(IntegrationEntityMapping.init(response:))
    }

    /// Only this project's server keeps mappings sent with a create or update; known from its
    /// answers' header (every request the console makes has one; before the first, no).
    public var keepsIntegrationMappings: Bool { transport.answeredByConsoleServer ?? false }

    /// A GET of one customer: the customer and the answer's `ETag`, if any.
    private func read(_ request: APIRequest) async throws(CustomerError) -> (customer: Customer, tag: String?) {
        let response = try await perform(request)
        return (try decode(Customer.self, response, what: "a customer"), response.header("etag"))
    }

    /// The customer as it is, from a `version_conflict` answer of this project's server.
    private static func conflictingCustomer(in response: APIResponse) -> Customer? {
        struct Conflict: Decodable { var customer: Customer }
        return (try? CustomerJSON.decoder().decode(Conflict.self, from: response.body))?.customer
    }

    private static func putRequest(_ ref: CustomerRef, _ request: UpdateCustomerRequest) throws(CustomerError) -> APIRequest {
        let body = CustomerJSON.encode(request)
        switch ref {
        case .id(let id):
            guard !id.isEmpty else { throw Self.missingID }
            // The query form reaches ids that a path cannot carry (a `/`).
            return id.contains("/")
                ? APIRequest(.put, ["customers"], query: [("id", id)], body: body)
                : APIRequest(.put, ["customers", id], body: body)
        case .externalID(let externalID):
            guard !externalID.isEmpty else { throw .validation([FieldIssue(field: .externalID, kind: .required)]) }
            let renames = request.externalID.map { $0 != externalID } ?? false
            return APIRequest(.put, ["customers"], query: [("external_customer_id", externalID)], body: body,
                              mayRepeat: !renames)
        }
    }

    /// `DELETE /customers/{id}`: 204 and an empty body. The customer becomes `archived`.
    ///
    /// Repeated like a read. When an earlier try may have deleted it (its answer was lost) and
    /// the repeat answers 404 "Customer does not exist", the customer is read back: archived
    /// means the delete happened, and it is reported as done.
    public func delete(id: String) async throws(CustomerError) {
        try Self.checkID(id)
        var trace = RetryTrace()
        do throws(CustomerError) {
            _ = try await perform(APIRequest(.delete, ["customers", id]), trace: &trace)
        } catch {
            guard error.isMissingCustomer, trace.sawAmbiguousFailure,
                  let current = try? await customer(id: id), current.status == .archived else { throw error }
        }
    }

    // MARK: - Request pipeline

    var search: CustomerSearch {
        CustomerSearch { [self] body throws(CustomerError) in
            let response = try await perform(APIRequest(.post, ["customers", "search"], body: CustomerJSON.encode(body),
                                                        mayRepeat: true))
            return try decode(ListCustomersResponse.self, response, what: "a customer list")
        }
    }

    /// Every request but a create goes through here: send (and repeat, see `RetryingSender`),
    /// then turn a non-2xx answer into a `CustomerError`, with the key scrubbed from whatever
    /// the error quotes.
    private func perform(_ request: APIRequest) async throws(CustomerError) -> APIResponse {
        var trace = RetryTrace()
        return try await perform(request, trace: &trace)
    }

    private func perform(_ request: APIRequest, trace: inout RetryTrace) async throws(CustomerError) -> APIResponse {
        let response = try await answer(request, trace: &trace)
        guard response.isSuccess else { throw redaction.apply(translate(response, request).noting(trace.note)) }
        return response
    }

    /// The answer, whatever its status, after the repeats `RetryingSender` allows.
    private func answer(_ request: APIRequest, trace: inout RetryTrace) async throws(CustomerError) -> APIResponse {
        do throws(CustomerError) {
            return try await sender.send(request, trace: &trace)
        } catch {
            throw redaction.apply(error)
        }
    }

    private func translate(_ response: APIResponse, _ request: APIRequest) -> CustomerError {
        APIErrorTranslator.translate(response, .init(request: request, displayBaseURL: configuration.displayBaseURL))
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: APIResponse, what: String) throws(CustomerError) -> T {
        do {
            return try CustomerJSON.decoder().decode(type, from: response.body)
        } catch {
            let excerpt = BodyExcerpt.make(response.body, limit: 80)
            throw redaction.apply(.invalidResponse(
                status: response.status,
                message: "The server answered HTTP \(response.status) but the body is not \(what)"
                    + (excerpt.isEmpty ? " (empty)" : ": \(excerpt)")))
        }
    }

    private static let missingID = CustomerError.validation(message: "ID: required", fields: ["id": "ID: required"])

    /// FlexPrice ids (`cust_` + ULID) never contain `/`, and the server routes on the decoded
    /// path, so such an id cannot name a customer: say "not found" without asking.
    private static func checkID(_ id: String) throws(CustomerError) {
        guard !id.isEmpty else { throw missingID }
        if id.contains("/") {
            throw .notFound(message: "Customer with ID \(id) was not found", details: ["customer_id": id])
        }
    }
}
