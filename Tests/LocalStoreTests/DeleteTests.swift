import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Soft delete")
struct DeleteTests {
    @Test func deleteArchivesAndKeepsTheRecord() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        let customer = try await store.create("gone", name: "Gone Ltd")
        clock.advance(5)
        try await store.delete(id: customer.id)
        let archived = try await store.customer(id: customer.id)
        #expect(archived.status == .archived)
        #expect(archived.updatedAt == Timestamp(date: clock.now()))
        #expect(archived.updatedBy == "test-operator")
        #expect(archived.createdAt == customer.createdAt)
        // Gone from lookups by external id, lists and searches; listed under archived.
        #expect(await error { _ = try await store.customer(externalID: "gone") }?.code == "not_found")
        #expect(try await store.list(CustomerQuery()).total == 0)
        #expect(try await store.externalIDs(search: "gone").isEmpty)
        #expect(try await store.externalIDs(search: "go").isEmpty)
        let archivedPage = try await store.list(CustomerQuery(status: .archived))
        #expect(archivedPage.total == 1 && archivedPage.items.map(\.id) == [customer.id])
        #expect(try await store.list(CustomerQuery(search: "GONE", status: .archived)).total == 1)
    }

    @Test func deletingTwiceOrUnknownIsNotFound() async throws {
        let store = try makeStore()
        let customer = try await store.create("twice")
        try await store.delete(id: customer.id)
        let again = await error { try await store.delete(id: customer.id) }
        #expect(again == .notFound(message: "Customer does not exist", details: [:]))
        let unknown = await error { try await store.delete(id: "cust_unknown") }
        #expect(unknown == .notFound(message: "Customer with ID cust_unknown was not found",
                                     details: ["customer_id": "cust_unknown"]))
    }

    @Test func externalIDCanBeReusedAfterDelete() async throws {
        let store = try makeStore()
        let first = try await store.create("reuse", name: "First")
        try await store.delete(id: first.id)
        let second = try await store.create("reuse", name: "Second")
        #expect(second.id != first.id)
        #expect(try await store.customer(externalID: "reuse").id == second.id)
        #expect(try await store.customer(id: first.id).status == .archived)
        // Still unique among published customers.
        #expect(await error { _ = try await store.create("reuse") }?.code == "already_exists")
        // An archived customer's external id may move to one a live customer has.
        _ = try await store.update(.id(first.id), UpdateCustomerRequest(externalID: "reuse"))
    }
}
