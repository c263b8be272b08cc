import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Parent and child customers")
struct ParentTests {
    @Test func childByParentIDOrExternalID() async throws {
        let store = try makeStore()
        let parent = try await store.create("parent")
        let byID = try await store.create(CreateCustomerRequest(externalID: "c1", parentCustomerID: parent.id))
        let byExternal = try await store.create(CreateCustomerRequest(externalID: "c2", parentCustomerExternalID: "parent"))
        #expect(byID.parentCustomerID == parent.id)
        #expect(byExternal.parentCustomerID == parent.id)
        #expect(try await store.customer(id: byExternal.id).parentCustomerID == parent.id)
        #expect(parent.parentCustomerID == nil)
        // Encoded as null when there is none.
        let json = String(decoding: CustomerJSON.encode(parent), as: UTF8.self)
        #expect(json.contains("\"parent_customer_id\":null"))
        let children = try await store.list(CustomerQuery(parentCustomerID: parent.id))
        #expect(children.total == 2 && Set(children.items.map(\.id)) == [byID.id, byExternal.id])
    }

    @Test func parentMustExistBePublishedAndInThisEnvironment() async throws {
        let folder = TemporaryFolder()
        let store = try LocalCustomerStore(path: folder.file("c.sqlite"), environmentID: "env_a")
        let other = try LocalCustomerStore(path: folder.file("c.sqlite"), environmentID: "env_b")
        let foreign = try await other.create("p")
        let missing = await error { _ = try await store.create(CreateCustomerRequest(externalID: "c", parentCustomerID: foreign.id)) }
        #expect(missing?.fieldErrors[CustomerField.parentCustomerID] != nil)
        let missingExternal = await error { _ = try await store.create(CreateCustomerRequest(externalID: "c", parentCustomerExternalID: "p")) }
        #expect(missingExternal?.fieldErrors[CustomerField.parentCustomerExternalID] != nil)
        let archived = try await store.create("old")
        try await store.delete(id: archived.id)
        let toArchived = await error { _ = try await store.create(CreateCustomerRequest(externalID: "c", parentCustomerID: archived.id)) }
        #expect(toArchived?.code == "validation_error")
    }

    @Test func oneLevelOnly() async throws {
        let store = try makeStore()
        let parent = try await store.create("p")
        let child = try await store.create(CreateCustomerRequest(externalID: "c", parentCustomerID: parent.id))
        // A child cannot be a parent.
        let grandchild = await error { _ = try await store.create(CreateCustomerRequest(externalID: "g", parentCustomerID: child.id)) }
        #expect(grandchild?.code == "invalid_operation")
        // A parent (with children) cannot become a child.
        let other = try await store.create("o")
        let parentAsChild = await error { _ = try await store.update(.id(parent.id), UpdateCustomerRequest(parentCustomerID: other.id)) }
        #expect(parentAsChild?.code == "invalid_operation")
        #expect(parentAsChild?.message.contains("1 live child customer") == true)
    }

    @Test func notItsOwnParent() async throws {
        let store = try makeStore()
        let customer = try await store.create("self")
        let failure = await error { _ = try await store.update(.id(customer.id), UpdateCustomerRequest(parentCustomerID: customer.id)) }
        #expect(failure?.fieldErrors[CustomerField.parentCustomerID]?.contains("own parent") == true)
    }

    @Test func emptyParentIDDetachesAndAbsentKeeps() async throws {
        let store = try makeStore()
        let parent = try await store.create("p")
        let child = try await store.create(CreateCustomerRequest(externalID: "c", parentCustomerExternalID: "p"))
        let renamed = try await store.update(.id(child.id), UpdateCustomerRequest(name: "kept"))
        #expect(renamed.parentCustomerID == parent.id)
        let detached = try await store.update(.id(child.id), UpdateCustomerRequest(parentCustomerID: ""))
        #expect(detached.parentCustomerID == nil)
        #expect(try await store.customer(id: child.id).parentCustomerID == nil)
        let attached = try await store.update(.id(child.id), UpdateCustomerRequest(parentCustomerExternalID: "p"))
        #expect(attached.parentCustomerID == parent.id)
    }

    @Test func parentWithLiveChildrenCannotBeDeleted() async throws {
        let store = try makeStore()
        let parent = try await store.create("p")
        let first = try await store.create(CreateCustomerRequest(externalID: "c1", parentCustomerID: parent.id))
        let second = try await store.create(CreateCustomerRequest(externalID: "c2", parentCustomerID: parent.id))
        let failure = await error { try await store.delete(id: parent.id) }
        #expect(failure?.code == "invalid_operation")
        #expect(failure?.message.contains("2 live child customers") == true)
        #expect(failure?.details["child_count"] == "2")
        try await store.delete(id: first.id)
        _ = try await store.update(.id(second.id), UpdateCustomerRequest(parentCustomerID: ""))
        try await store.delete(id: parent.id)
        #expect(try await store.customer(id: parent.id).status == .archived)
    }
}
