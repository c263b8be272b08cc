import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Environments sharing one file")
struct EnvironmentTests {
    @Test func customersOfOneEnvironmentAreInvisibleFromAnother() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("shared.sqlite")
        let envA = try LocalCustomerStore(path: path, environmentID: "env_A")
        let envB = try LocalCustomerStore(path: path, environmentID: "env_B")
        let inA = try await envA.create(CreateCustomerRequest(externalID: "same-key", name: "Alpha Visible"))
        #expect(inA.environmentID == "env_A")
        // Same external id in another environment is no conflict.
        let inB = try await envB.create(CreateCustomerRequest(externalID: "same-key", name: "Beta"))
        #expect(inB.environmentID == "env_B")

        #expect(await error { _ = try await envB.customer(id: inA.id) }?.code == "not_found")
        #expect(try await envB.customer(externalID: "same-key").id == inB.id)
        #expect(try await envB.list(CustomerQuery()).items.map(\.id) == [inB.id])
        #expect(try await envB.list(CustomerQuery(search: "alpha")).total == 0)
        #expect(try await envB.list(CustomerQuery(search: "al")).total == 0)
        #expect(try await envB.list(CustomerQuery(search: "al"), walkBudget: 0).items.isEmpty)
        #expect(await error { try await envB.delete(id: inA.id) }?.code == "not_found")
        #expect(await error { _ = try await envB.update(.id(inA.id), UpdateCustomerRequest(name: "x")) }?.code == "not_found")
        #expect(await error { _ = try await envB.create(CreateCustomerRequest(externalID: "c", parentCustomerID: inA.id)) }?
            .code == "validation_error")
        #expect(try await envA.list(CustomerQuery(search: "alpha")).items.map(\.id) == [inA.id])
        #expect(try await envA.list(CustomerQuery()).total == 1)
    }

    @Test func tenantIsPartOfTheScope() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("tenants.sqlite")
        let one = try LocalCustomerStore(path: path, environmentID: "env", tenantID: "tenant-1")
        let two = try LocalCustomerStore(path: path, environmentID: "env", tenantID: "tenant-2")
        let customer = try await one.create("k")
        #expect(customer.tenantID == "tenant-1")
        #expect(try await two.list(CustomerQuery()).total == 0)
    }

    @Test func reopeningKeepsEverything() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("nested/dirs/customers.sqlite")
        let created = try await LocalCustomerStore(path: path).create("persisted")
        let reopened = try LocalCustomerStore(path: path)
        #expect(try await reopened.customer(id: created.id) == created)
        #expect(reopened.label.contains(path))
    }
}
