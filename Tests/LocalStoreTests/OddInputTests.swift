import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Odd input never crashes")
struct OddInputTests {
    @Test func nulBytesAreRefusedWithTheField() async throws {
        let store = try makeStore()
        let failure = await error { _ = try await store.create(CreateCustomerRequest(externalID: "a\u{0}b", name: "x\u{0}")) }
        #expect(failure?.fieldErrors[CustomerField.externalID] != nil)
        #expect(failure?.fieldErrors[CustomerField.name] != nil)
        let customer = try await store.create("a")
        let update = await error { _ = try await store.update(.id(customer.id), UpdateCustomerRequest(email: "\u{0}")) }
        #expect(update?.code == "validation_error")
    }

    @Test func nulBytesInLookupsMatchNothing() async throws {
        let store = try makeStore()
        let customer = try await store.create("a")
        #expect(await error { _ = try await store.customer(externalID: "a\u{0}zzz") }?.code == "not_found")
        #expect(await error { _ = try await store.customer(id: customer.id + "\u{0}") }?.code == "not_found")
        #expect(try await store.list(CustomerQuery(search: "a\u{0}")).total == 0)
        #expect(try await store.list(CustomerQuery(externalID: "a\u{0}")).total == 0)
    }

    @Test func oddMetadataIsStoredAsIs() async throws {
        let store = try makeStore()
        let metadata = ["": "empty key", "nul\u{0}key": "v\u{0}", "quote\"": "\\", "emoji🙂": "line\nbreak",
                        "big": String(repeating: "x", count: 1_000_000)]
        let customer = try await store.create(CreateCustomerRequest(externalID: "meta", metadata: metadata))
        #expect(try await store.customer(id: customer.id).metadata == metadata)
    }

    @Test func hugeAndStrangeSearchesAreHandled() async throws {
        let store = try makeStore()
        try await store.create("abc", name: "🙂 Smile")
        #expect(try await store.list(CustomerQuery(search: String(repeating: "a", count: 100_000))).total == 0)
        #expect(try await store.list(CustomerQuery(search: String(repeating: "ab", count: 300))).total == 0)
        #expect(try await store.list(CustomerQuery(search: "🙂")).total == 1)
        #expect(try await store.list(CustomerQuery(search: "🙂 s")).total == 1)
        #expect(try await store.list(CustomerQuery(search: "\u{1}")).total == 0)
        #expect(try await store.list(CustomerQuery(search: "c\u{1}\u{1}")).total == 0)
        #expect(try await store.list(CustomerQuery(search: "\u{FFFD}")).total == 0)
    }

    @Test func overlongValuesAreValidationErrors() async throws {
        let store = try makeStore()
        let long = String(repeating: "é", count: 10_000)
        let failure = await error { _ = try await store.create(CreateCustomerRequest(externalID: long, name: long)) }
        #expect(failure?.fieldErrors[CustomerField.externalID] != nil)
        #expect(failure?.fieldErrors[CustomerField.name] != nil)
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let folder = TemporaryFolder()
        let path = folder.file("junk.sqlite")
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect(throws: CustomerError.self) { _ = try LocalCustomerStore(path: path) }
    }
}
