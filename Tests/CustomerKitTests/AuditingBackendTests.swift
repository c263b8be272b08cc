import Foundation
import Synchronization
import Testing
@testable import CustomerKit

/// A minimal in-memory backend for the decorator's tests.
final class TinyBackend: CustomerBackend {
    let customers = Mutex<[String: Customer]>([:])
    var label: String { "tiny" }
    func create(_ r: CreateCustomerRequest) async throws(CustomerError) -> Customer {
        let c = Customer(id: "cust_\(r.externalID)", externalID: r.externalID, name: r.name ?? "", email: r.email ?? "",
                         metadata: r.metadata, createdAt: .now(), updatedAt: .now())
        customers.withLock { $0[c.id] = c }
        return c
    }
    func customer(id: String) async throws(CustomerError) -> Customer {
        guard let c = customers.withLock({ $0[id] }) else { throw .notFound(message: "no \(id)", details: [:]) }
        return c
    }
    func customer(externalID: String) async throws(CustomerError) -> Customer {
        try await customer(id: "cust_" + externalID)
    }
    func list(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage {
        CustomerPage(items: [], total: 0, limit: query.limit, offset: query.offset)
    }
    func update(_ ref: CustomerRef, _ r: UpdateCustomerRequest, expecting version: Timestamp?)
        async throws(CustomerError) -> CustomerUpdate {
        guard case .id(let id) = ref else { throw .notFound(message: "by id only", details: [:]) }
        let before = try await customer(id: id)
        if let version, before.updatedAt != version { throw .versionConflict(before) }
        var c = before
        if let name = r.name { c.name = name }
        if let metadata = r.metadata { c.metadata = metadata }
        c.updatedAt = Timestamp(date: max(Date(), before.updatedAt.date.addingTimeInterval(0.000_001)))
        let updated = c
        customers.withLock { $0[id] = updated }
        return CustomerUpdate(before: before, after: updated)
    }
    func delete(id: String) async throws(CustomerError) {
        customers.withLock { $0[id]?.status = .archived }
    }
}

@Suite struct AuditingBackendTests {
    @Test func everyChangeIsRecordedWithOldAndNewValues() async throws {
        let entries = Mutex<[AuditEntry]>([])
        let backend = AuditingBackend(TinyBackend(), operator: "alice") { entry in entries.withLock { $0.append(entry) } }
        let created = try await backend.create(CreateCustomerRequest(externalID: "a1", name: "Acme", metadata: ["t": "1"]))
        _ = try await backend.update(.id(created.id), UpdateCustomerRequest(name: "Acme GmbH", metadata: ["t": "2"]))
        try await backend.delete(id: created.id)
        _ = try await backend.list(CustomerQuery())
        let log = entries.withLock { $0 }
        #expect(log.map(\.action) == [.create, .update, .delete])
        #expect(log.allSatisfy { $0.operator == "alice" && $0.backend == "tiny" && $0.customerID == "cust_a1" })
        #expect(log[0].changes["name"] == .init(old: nil, new: .string("Acme")))
        #expect(log[1].changes["name"] == .init(old: .string("Acme"), new: .string("Acme GmbH")))
        #expect(log[1].changes["metadata"] == .init(old: .object(["t": .string("1")]), new: .object(["t": .string("2")])))
        #expect(log[1].changes["email"] == nil)  // unchanged fields are not listed
        #expect(log[2].changes["status"] == .init(old: .string("published"), new: .string("archived")))
        #expect(log[2].externalID == "a1")
    }

    @Test func failuresAreNotRecorded() async {
        let entries = Mutex<[AuditEntry]>([])
        let backend = AuditingBackend(TinyBackend(), operator: "alice") { entry in entries.withLock { $0.append(entry) } }
        _ = try? await backend.update(.id("cust_missing"), UpdateCustomerRequest(name: "x"))
        #expect(entries.withLock { $0 }.isEmpty)
    }

    @Test func entriesRoundTripAsJSONLines() throws {
        let entry = AuditEntry(time: Timestamp(rfc3339: "2026-11-22T00:10:00.5Z")!, operator: "bob", backend: "local: x",
                               action: .update, customerID: "cust_1", externalID: "e",
                               changes: ["name": .init(old: .string("a"), new: .string("b"))])
        let data = CustomerJSON.encode(entry)
        #expect(!data.contains(0x0A))
        #expect(try JSONDecoder().decode(AuditEntry.self, from: data) == entry)
    }
}
