import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Create and get")
struct CreateAndGetTests {
    @Test func createFillsEveryField() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        let customer = try await store.create(CreateCustomerRequest(
            externalID: "user_12345", name: "Acme Corporation", email: "billing@acme.com",
            addressLine1: "1 Main St", addressCountry: "US", metadata: ["plan_tier": "enterprise"]))
        #expect(customer.id.hasPrefix("cust_"))
        #expect(ULIDGenerator.isValid(String(customer.id.dropFirst(5))))
        #expect(customer.externalID == "user_12345")
        #expect(customer.name == "Acme Corporation")
        #expect(customer.email == "billing@acme.com")
        #expect(customer.contact == nil)
        #expect(customer.addressLine1 == "1 Main St")
        #expect(customer.addressLine2 == "")
        #expect(customer.addressCountry == "US")
        #expect(customer.timezone == "UTC")
        #expect(customer.metadata == ["plan_tier": "enterprise"])
        #expect(customer.status == .published)
        #expect(customer.environmentID == LocalCustomerStore.defaultEnvironmentID)
        #expect(customer.tenantID == LocalCustomerStore.defaultTenantID)
        #expect(customer.createdBy == "test-operator")
        #expect(customer.updatedBy == "test-operator")
        #expect(customer.createdAt == Timestamp(date: clock.now()))
        #expect(customer.updatedAt == customer.createdAt)
        #expect(customer.parentCustomerID == nil)
        #expect(customer.includesParentCustomerID)
        // The id's ULID carries the creation time.
        #expect(ULIDGenerator.millis(of: String(customer.id.dropFirst(5))) == UInt64(clock.now().timeIntervalSince1970 * 1000))
        // What comes back later is what create returned.
        #expect(try await store.customer(id: customer.id) == customer)
        #expect(try await store.customer(externalID: "user_12345") == customer)
    }

    @Test func metadataAbsentIsNullAndEmptyIsKept() async throws {
        let store = try makeStore()
        let without = try await store.create("a")
        let empty = try await store.create(CreateCustomerRequest(externalID: "b", metadata: [:]))
        #expect(without.metadata == nil)
        #expect(empty.metadata == [:])
        #expect(try await store.customer(id: empty.id).metadata == [:])
    }

    @Test func contactAndTimezoneAreKept() async throws {
        let store = try makeStore()
        let customer = try await store.create(CreateCustomerRequest(
            externalID: "x", contact: "+49 30 1234", timezone: "Europe/Berlin"))
        #expect(try await store.customer(id: customer.id).contact == "+49 30 1234")
        #expect(try await store.customer(id: customer.id).timezone == "Europe/Berlin")
    }

    @Test func duplicateExternalIDIsRefused() async throws {
        let store = try makeStore()
        try await store.create("user_1")
        let failure = await error { _ = try await store.create(CreateCustomerRequest(externalID: "user_1")) }
        #expect(failure == .alreadyExists(message: "A customer with this identifier already exists",
                                          details: ["external_id": "user_1"]))
        // Case matters: a different external id.
        try await store.create("USER_1")
    }

    @Test func unknownIDAndLookupKeyUseTheContractMessages() async throws {
        let store = try makeStore()
        let byID = await error { _ = try await store.customer(id: "cust_nope") }
        #expect(byID == .notFound(message: "Customer with ID cust_nope was not found",
                                  details: ["customer_id": "cust_nope"]))
        let byExternal = await error { _ = try await store.customer(externalID: "nope") }
        #expect(byExternal == .notFound(message: "Customer with lookup key nope was not found",
                                        details: ["lookup_key": "nope"]))
    }

    @Test func externalIDLookupIsExactAndCaseSensitive() async throws {
        let store = try makeStore()
        try await store.create("Acme-1")
        #expect(try await store.customer(externalID: "Acme-1").externalID == "Acme-1")
        #expect(await error { _ = try await store.customer(externalID: "acme-1") }?.code == "not_found")
        #expect(await error { _ = try await store.customer(externalID: "Acme") }?.code == "not_found")
    }

    @Test func validationErrorsNameTheField() async throws {
        let store = try makeStore()
        let failure = await error {
            _ = try await store.create(CreateCustomerRequest(
                externalID: "", email: "not-an-email", addressPostalCode: String(repeating: "9", count: 21),
                addressCountry: "usa"))
        }
        guard case .validation(_, let fields) = failure else {
            Issue.record("expected a validation error, got \(String(describing: failure))")
            return
        }
        #expect(Set(fields.keys) == ["external_id", "email", "address_country", "address_postal_code"])
        #expect(try await store.list(CustomerQuery()).total == 0)
    }

    @Test func bothParentFieldsAreAValidationError() async throws {
        let store = try makeStore()
        let failure = await error {
            _ = try await store.create(CreateCustomerRequest(
                externalID: "c", parentCustomerID: "cust_a", parentCustomerExternalID: "a"))
        }
        #expect(failure?.fieldErrors[CustomerField.parentCustomerID] != nil)
    }

    @Test func integrationMappingsAndTaxOverridesAreStored() async throws {
        let store = try makeStore()
        let mapping = IntegrationEntityMapping(entityID: "e1", entityType: "customer",
                                               providerType: "stripe", providerEntityID: "cus_1")
        var request = CreateCustomerRequest(externalID: "m", integrationEntityMapping: [mapping])
        request.taxRateOverrides = [TaxRateOverride(taxRateCode: "GST18", currency: "inr", priority: 0)]
        let customer = try await store.create(request)
        let record = try await store.record(id: customer.id)
        #expect(record?.integrationEntityMapping?.contains("cus_1") == true)
        #expect(record?.taxRateOverrides?.contains("GST18") == true)
    }
}
