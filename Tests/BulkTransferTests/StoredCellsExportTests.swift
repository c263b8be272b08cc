@testable import BulkTransfer
import CustomerKit
import Foundation
import GRDB
@testable import LocalStore
import Testing

/// The CSV export read straight from the store's cells writes the very bytes the export built
/// from `Customer`s writes, whatever the text and wherever a batch ends.
@Suite struct StoredCellsExportTests {
    /// The round trip's hostile customers, plus what only raw SQL can leave in a file: metadata
    /// that is not an object, or that mixes in a value that is not text; an archived parent; a
    /// customer of another environment in the same file; many keys on one customer, so that a
    /// batch ends inside its metadata rows.
    static func hostileStore(at path: String) async throws -> LocalCustomerStore {
        let store = try LocalCustomerStore(path: path, operator: "test")
        try await RoundTripTests.seed(store)
        var wide = CreateCustomerRequest()
        wide.externalID = "wide"
        wide.metadata = Dictionary(uniqueKeysWithValues: (0..<40).map { ("key \($0), \"q\"", "=\($0)\n") })
        _ = try await store.create(wide)
        for (externalID, metadata) in [("not-object", "123"), ("array", "[1, 2]"),
                                       ("mixed", "{\"note\": \"text\", \"count\": 3}"), ("empty", "{}")] {
            var request = CreateCustomerRequest()
            request.externalID = externalID
            request.metadata = ["note": "replaced below"]
            _ = try await store.create(request)
            try await store.write { db in
                try db.execute(sql: "UPDATE customers SET metadata = ? WHERE external_id = ?", arguments: [metadata, externalID])
            }
        }
        var orphan = CreateCustomerRequest()
        orphan.externalID = "child-of-archived"
        orphan.parentCustomerID = try await store.create({ var r = CreateCustomerRequest(); r.externalID = "gone"; return r }()).id
        _ = try await store.create(orphan)
        try await store.write { db in try db.execute(sql: "UPDATE customers SET status = 'archived' WHERE external_id = 'gone'") }

        let elsewhere = try LocalCustomerStore(path: path, environmentID: "env_other", operator: "test")
        var stranger = CreateCustomerRequest()
        stranger.externalID = "other-environment"
        stranger.metadata = ["only-elsewhere": "x"]
        _ = try await elsewhere.create(stranger)
        return store
    }

    static func export(_ store: LocalCustomerStore, stored: Bool, batchSize: Int = 5_000, guardFormulas: Bool = true,
                       status: CustomerStatus = .published) async throws -> (count: Int, bytes: Data) {
        let path = NSTemporaryDirectory() + "stored-cells-\(UUID().uuidString).csv"
        defer { unlink(path) }
        var exporter = CustomerExporter(source: store, format: .csv, search: nil, status: status, guardFormulas: guardFormulas)
        exporter.readsStoredCells = stored
        exporter.storedBatchSize = batchSize
        let count = try await exporter.export(toFile: path)
        return (count, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func theStoredCellsGiveTheSameFileAsTheCustomers() async throws {
        let folder = NSTemporaryDirectory() + "stored-cells-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try await Self.hostileStore(at: folder + "/customers.sqlite")
        #expect(store.storedCellSource != nil)

        for guardFormulas in [true, false] {
            let expected = try await Self.export(store, stored: false, guardFormulas: guardFormulas)
            let text = String(decoding: expected.bytes, as: UTF8.self)
            #expect(text.contains("metadata.key 1, \"\"q\"\""), "the wide customer's keys are columns")
            #expect(!text.contains("other-environment") && !text.contains("only-elsewhere"), "one environment only")
            #expect(!text.contains("metadata.count"), "a value that is not text is not a column")
            for batchSize in [1, 2, 3, 7, 5_000] {
                let stored = try await Self.export(store, stored: true, batchSize: batchSize, guardFormulas: guardFormulas)
                #expect(stored.count == expected.count, "batch \(batchSize)")
                #expect(stored.bytes == expected.bytes, "batch \(batchSize), guard \(guardFormulas):\n\(String(decoding: stored.bytes, as: UTF8.self))")
            }
        }
        let archived = try await Self.export(store, stored: true, status: .archived)
        #expect(archived.count == 1)
        #expect(archived.bytes == (try await Self.export(store, stored: false, status: .archived)).bytes)
    }

    @Test func anEmptyStoreGivesTheHeaderAlone() async throws {
        let store = try LocalCustomerStore.temporary()
        let stored = try await Self.export(store, stored: true)
        #expect(stored.count == 0)
        #expect(stored.bytes == (try await Self.export(store, stored: false)).bytes)
        #expect(String(decoding: stored.bytes, as: UTF8.self).hasPrefix("external_id,"))
    }

    /// The store's own plan: one pass along the customers' index, no sort of a million rows.
    @Test func theReadNeedsNoSort() async throws {
        let store = try LocalCustomerStore.temporary()
        let plan = try await store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + StoredCellQuery.sql(BulkColumns.textFields),
                             arguments: [1, "published", 0, 1]).map { $0["detail"] as String? ?? "" }
        }
        #expect(!plan.joined(separator: "\n").contains("TEMP B-TREE"), "\(plan)")
    }
}
