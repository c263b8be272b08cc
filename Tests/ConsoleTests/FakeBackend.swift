import CustomerKit
import Foundation
import Synchronization

/// An in-memory backend for headless screen tests: follows the product rules closely enough
/// for the screens (validation table, unique external id, soft delete, search, paging) and
/// records every call so tests can check what a screen asked for.
final class FakeBackend: CustomerBackend {
    struct State {
        var customers: [Customer] = []
        var listCalls: [CustomerQuery] = []
        var updates: [(CustomerRef, UpdateCustomerRequest)] = []
        var creates: [CreateCustomerRequest] = []
        var nextError: CustomerError?
        var counter = 0
        /// A rival's save that lands just as the next update arrives: after anything the form
        /// could read, before the write.
        var rivalBeforeNextUpdate: (user: String, change: @Sendable (inout Customer) -> Void)?
        /// What `integrationMappings` answers, by customer id (as a live server's expand would).
        var mappings: [String: [IntegrationEntityMapping]] = [:]
    }

    let state = Mutex(State())
    var label: String { "fake" }

    /// Seeds `count` customers; the newest is the last one made.
    init(count: Int = 0) {
        state.withLock { s in
            for i in 0..<count {
                s.counter += 1
                let ts = Timestamp(date: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)))
                s.customers.append(Customer(id: String(format: "cust_%05d", i), externalID: "ext-\(i)",
                                            name: "Customer \(i)", email: "c\(i)@example.com",
                                            createdAt: ts, updatedAt: ts, createdBy: "seed"))
            }
        }
    }

    func add(_ customer: Customer) { state.withLock { $0.customers.append(customer) } }

    /// Another operator saves a change, behind the console's back.
    func editElsewhere(id: String, by user: String = "bob", _ change: (inout Customer) -> Void) {
        state.withLock { s in
            guard let index = s.customers.firstIndex(where: { $0.id == id }) else { return }
            change(&s.customers[index])
            s.counter += 1
            s.customers[index].updatedAt = Timestamp(date: Date(timeIntervalSince1970: 1_950_000_000 + Double(s.counter)))
            s.customers[index].updatedBy = user
        }
    }
    /// Someone else saves the customer at the last moment: as the next update arrives.
    func rivalSavesJustBeforeNextUpdate(by user: String = "carol", _ change: @escaping @Sendable (inout Customer) -> Void) {
        state.withLock { $0.rivalBeforeNextUpdate = (user, change) }
    }
    func failNext(_ error: CustomerError) { state.withLock { $0.nextError = error } }
    var listCalls: [CustomerQuery] { state.withLock { $0.listCalls } }
    var updates: [(CustomerRef, UpdateCustomerRequest)] { state.withLock { $0.updates } }
    var creates: [CreateCustomerRequest] { state.withLock { $0.creates } }
    var all: [Customer] { state.withLock { $0.customers } }

    private func takeError() throws(CustomerError) {
        if let error = state.withLock({ s -> CustomerError? in defer { s.nextError = nil }; return s.nextError }) {
            throw error
        }
    }

    func create(_ request: CreateCustomerRequest) async throws(CustomerError) -> Customer {
        try takeError()
        let issues = CustomerValidation.validate(request)
        if !issues.isEmpty { throw .validation(issues) }
        return try state.withLock { s throws(CustomerError) -> Customer in
            s.creates.append(request)
            if s.customers.contains(where: { $0.externalID == request.externalID && $0.status == .published }) {
                throw .alreadyExists(message: "A customer with this identifier already exists",
                                     details: ["external_id": request.externalID])
            }
            s.counter += 1
            let ts = Timestamp(date: Date(timeIntervalSince1970: 1_800_000_000 + Double(s.counter)))
            let c = Customer(id: "cust_new\(s.counter)", externalID: request.externalID, name: request.name ?? "",
                             email: request.email ?? "", addressLine1: request.addressLine1 ?? "",
                             addressLine2: request.addressLine2 ?? "", addressCity: request.addressCity ?? "",
                             addressState: request.addressState ?? "", addressPostalCode: request.addressPostalCode ?? "",
                             addressCountry: request.addressCountry ?? "", metadata: request.metadata,
                             createdAt: ts, updatedAt: ts, parentCustomerID: request.parentCustomerID)
            s.customers.append(c)
            return c
        }
    }

    func customer(id: String) async throws(CustomerError) -> Customer {
        guard let c = all.first(where: { $0.id == id }) else {
            throw .notFound(message: "Customer with ID \(id) was not found", details: ["customer_id": id])
        }
        return c
    }

    func customer(externalID: String) async throws(CustomerError) -> Customer {
        guard let c = all.first(where: { $0.externalID == externalID && $0.status == .published }) else {
            throw .notFound(message: "Customer with lookup key \(externalID) was not found", details: ["lookup_key": externalID])
        }
        return c
    }

    func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage {
        try takeError()
        return state.withLock { s in
            s.listCalls.append(query)
            var matches = s.customers.filter { $0.status == query.status }
            if let text = query.search?.lowercased() {
                matches = matches.filter {
                    $0.name.lowercased().contains(text) || $0.email.lowercased().contains(text)
                        || $0.externalID.lowercased().contains(text)
                }
            }
            if let parent = query.parentCustomerID { matches = matches.filter { $0.parentCustomerID == parent } }
            matches.sort { $0.createdAt > $1.createdAt }
            let items = Array(matches.dropFirst(query.offset).prefix(query.limit))
            return CustomerPage(items: items, total: matches.count, limit: query.limit, offset: query.offset)
        }
    }

    func update(_ ref: CustomerRef, _ request: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate {
        try takeError()
        let issues = CustomerValidation.validate(request)
        if !issues.isEmpty { throw .validation(issues) }
        return try state.withLock { s throws(CustomerError) -> CustomerUpdate in
            guard case .id(let id) = ref, let index = s.customers.firstIndex(where: { $0.id == id }) else {
                s.updates.append((ref, request))
                throw .notFound(message: "Customer with ID \(ref) was not found", details: [:])
            }
            if let rival = s.rivalBeforeNextUpdate {
                s.rivalBeforeNextUpdate = nil
                rival.change(&s.customers[index])
                s.counter += 1
                s.customers[index].updatedAt = Timestamp(date: Date(timeIntervalSince1970: 1_960_000_000 + Double(s.counter)))
                s.customers[index].updatedBy = rival.user
            }
            let before = s.customers[index]
            // Only what is applied is recorded: a refused conditional update changed nothing.
            if let version, before.updatedAt != version { throw .versionConflict(before) }
            s.updates.append((ref, request))
            var c = before
            for field in request.fields where field.isText {
                let value = request.value(of: field)!
                switch field {
                case .externalID: c.externalID = value
                case .name: c.name = value
                case .email: c.email = value
                case .addressLine1: c.addressLine1 = value
                case .addressLine2: c.addressLine2 = value
                case .addressCity: c.addressCity = value
                case .addressState: c.addressState = value
                case .addressPostalCode: c.addressPostalCode = value
                case .addressCountry: c.addressCountry = value
                case .parentCustomerID: c.parentCustomerID = value.isEmpty ? nil : value
                default: break
                }
            }
            if let metadata = request.metadata { c.metadata = metadata }
            s.counter += 1
            c.updatedAt = Timestamp(date: Date(timeIntervalSince1970: 1_900_000_000 + Double(s.counter)))
            c.updatedBy = "fake"
            s.customers[index] = c
            return CustomerUpdate(before: before, after: c)
        }
    }

    func delete(id: String) async throws(CustomerError) {
        try takeError()
        try state.withLock { s throws(CustomerError) in
            guard let index = s.customers.firstIndex(where: { $0.id == id && $0.status == .published }) else {
                throw .notFound(message: "Customer does not exist", details: [:])
            }
            s.customers[index].status = .archived
        }
    }

    /// A live FlexPrice server: mappings are read (its integrations API's), never kept from a save.
    func integrationMappings(customerID: String) async throws(CustomerError) -> [IntegrationEntityMapping] {
        state.withLock { $0.mappings[customerID] ?? [] }
    }

    func setMappings(_ mappings: [IntegrationEntityMapping], for id: String) { state.withLock { $0.mappings[id] = mappings } }
}
