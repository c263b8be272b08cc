import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Partial update")
struct UpdateTests {
    private func full(_ store: LocalCustomerStore) async throws -> Customer {
        try await store.create(CreateCustomerRequest(
            externalID: "x1", name: "Acme", email: "a@acme.com", contact: "555", addressLine1: "Line 1",
            addressLine2: "Line 2", addressCity: "Berlin", addressState: "BE", addressPostalCode: "10115",
            addressCountry: "DE", timezone: "Europe/Berlin", metadata: ["a": "1", "b": "2"]))
    }

    @Test func absentFieldsStayAndPresentOnesChange() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        let before = try await full(store)
        clock.advance(60)
        let after = try await store.update(.id(before.id), UpdateCustomerRequest(name: "Acme GmbH"))
        var expected = before
        expected.name = "Acme GmbH"
        expected.updatedAt = Timestamp(date: clock.now())
        #expect(after == expected)
        #expect(after.createdAt == before.createdAt)
        #expect(after.updatedAt > before.updatedAt)
        #expect(try await store.customer(id: before.id) == after)
    }

    @Test func emptyStringClearsOptionalFields() async throws {
        let store = try makeStore()
        let before = try await full(store)
        let after = try await store.update(.id(before.id), UpdateCustomerRequest(
            name: "", email: "", contact: "", addressLine1: "", addressLine2: "", addressCity: "",
            addressState: "", addressPostalCode: "", addressCountry: "", timezone: ""))
        #expect(after.name == "")
        #expect(after.email == "")
        #expect(after.contact == "")
        #expect(after.addressLine1 == "" && after.addressLine2 == "" && after.addressCity == "")
        #expect(after.addressState == "" && after.addressPostalCode == "" && after.addressCountry == "")
        // A cleared time zone falls back to the default.
        #expect(after.timezone == "UTC")
        #expect(after.externalID == "x1")
        #expect(after.metadata == ["a": "1", "b": "2"])
    }

    @Test func externalIDCannotBeCleared() async throws {
        let store = try makeStore()
        let before = try await full(store)
        let failure = await error { _ = try await store.update(.id(before.id), UpdateCustomerRequest(externalID: "")) }
        #expect(failure?.fieldErrors[CustomerField.externalID] != nil)
        #expect(try await store.customer(id: before.id).externalID == "x1")
    }

    @Test func metadataIsReplacedWholeAndEmptyMapClearsIt() async throws {
        let store = try makeStore()
        let before = try await full(store)
        let replaced = try await store.update(.id(before.id), UpdateCustomerRequest(metadata: ["c": "3"]))
        #expect(replaced.metadata == ["c": "3"])
        let untouched = try await store.update(.id(before.id), UpdateCustomerRequest(name: "n"))
        #expect(untouched.metadata == ["c": "3"])
        let cleared = try await store.update(.id(before.id), UpdateCustomerRequest(metadata: [:]))
        #expect(cleared.metadata == [:])
        #expect(try await store.customer(id: before.id).metadata == [:])
    }

    @Test func changingExternalIDToATakenOneIsRefused() async throws {
        let store = try makeStore()
        let first = try await store.create("one")
        try await store.create("two")
        let failure = await error { _ = try await store.update(.id(first.id), UpdateCustomerRequest(externalID: "two")) }
        #expect(failure == .alreadyExists(message: "A customer with this identifier already exists",
                                          details: ["external_id": "two"]))
        // Setting it to its own value is no conflict.
        _ = try await store.update(.id(first.id), UpdateCustomerRequest(externalID: "one"))
        let moved = try await store.update(.id(first.id), UpdateCustomerRequest(externalID: "three"))
        #expect(moved.externalID == "three")
        #expect(try await store.customer(externalID: "three").id == first.id)
        #expect(await error { _ = try await store.customer(externalID: "one") }?.code == "not_found")
    }

    @Test func updateByExternalIDFindsPublishedOnly() async throws {
        let store = try makeStore()
        let customer = try await store.create("ext")
        let updated = try await store.update(.externalID("ext"), UpdateCustomerRequest(email: "e@x.io"))
        #expect(updated.id == customer.id && updated.email == "e@x.io")
        try await store.delete(id: customer.id)
        let failure = await error { _ = try await store.update(.externalID("ext"), UpdateCustomerRequest(name: "n")) }
        #expect(failure == .notFound(message: "Customer with lookup key ext was not found", details: ["lookup_key": "ext"]))
        // By id, an archived customer can still be updated (as the server allows); it stays archived.
        let archived = try await store.update(.id(customer.id), UpdateCustomerRequest(name: "old"))
        #expect(archived.status == .archived && archived.name == "old")
    }

    @Test func unknownIDIsNotFound() async throws {
        let store = try makeStore()
        let failure = await error { _ = try await store.update(.id("cust_x"), UpdateCustomerRequest(name: "n")) }
        #expect(failure == .notFound(message: "Customer with ID cust_x was not found", details: ["customer_id": "cust_x"]))
    }

    @Test func invalidValuesAreRefusedAndNothingChanges() async throws {
        let store = try makeStore()
        let before = try await full(store)
        let failure = await error {
            _ = try await store.update(.id(before.id), UpdateCustomerRequest(email: "nope", addressCountry: "de"))
        }
        #expect(Set(failure?.details.keys.map { $0 } ?? []) == ["email", "address_country"])
        #expect(try await store.customer(id: before.id) == before)
    }

    @Test func searchFollowsAnUpdate() async throws {
        let store = try makeStore()
        let customer = try await store.create("s1", name: "Old Name")
        _ = try await store.update(.id(customer.id), UpdateCustomerRequest(name: "Brand Ñew"))
        #expect(try await store.externalIDs(search: "old name").isEmpty)
        #expect(try await store.externalIDs(search: "BRAND ñ") == ["s1"])
        #expect(try await store.list(CustomerQuery(search: "ñ")).total == 1)
        #expect(try await store.list(CustomerQuery(search: "ol")).total == 0)
    }
}
