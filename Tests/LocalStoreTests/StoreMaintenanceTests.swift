import CustomerKit
import Foundation
import GRDB
@testable import LocalStore
import Testing

@Suite("Bulk create, compaction, schema and errors")
struct StoreMaintenanceTests {
    @Test func createManyInsertsAllOrNothing() async throws {
        let store = try makeStore()
        let batch = (0..<500).map { CreateCustomerRequest(externalID: "bulk-\($0)", name: "Bulk Ärger \($0)") }
        #expect(try await store.createMany(batch) == 500)
        #expect(try await store.list(CustomerQuery()).total == 500)
        #expect(try await store.list(CustomerQuery(search: "ärger 49")).total == 11)
        #expect(try await store.list(CustomerQuery(search: "är")).total == 500)
        // A duplicate anywhere in a batch refuses the whole batch and names its position.
        let bad = [CreateCustomerRequest(externalID: "new-1"), CreateCustomerRequest(externalID: "bulk-7")]
        let failure = await error { _ = try await store.createMany(bad) }
        #expect(failure?.code == "already_exists")
        #expect(failure?.message.hasPrefix("Customer 2:") == true)
        #expect(try await store.list(CustomerQuery()).total == 500)
        let invalid = await error { _ = try await store.createMany([CreateCustomerRequest(externalID: "")]) }
        #expect(invalid?.message.hasPrefix("Customer 1:") == true)
    }

    @Test func compactKeepsSearchResults() async throws {
        let store = try makeStore()
        _ = try await store.createMany((0..<50).map { CreateCustomerRequest(externalID: "k\($0)", name: "Zeta \($0)") })
        let before = try await store.list(CustomerQuery(search: "zeta 1"))
        try await store.compact()
        #expect(try await store.list(CustomerQuery(search: "zeta 1")) == before)
        #expect(before.total == 11)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("future.sqlite")
        _ = try LocalCustomerStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        #expect(throws: CustomerError.self) { _ = try LocalCustomerStore(path: path) }
    }

    @Test func sqliteErrorsBecomeCustomerErrors() {
        let busy = StoreErrors.map(DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked"))
        #expect(busy.code == "service_unavailable" && busy.httpStatus == 503)
        #expect(busy.message.contains("busy"))
        let full = StoreErrors.map(DatabaseError(resultCode: .SQLITE_FULL))
        #expect(full.code == "database_error" && full.httpStatus == 500)
        let other = StoreErrors.map(DatabaseError(resultCode: .SQLITE_ERROR, message: "no such table: x"))
        #expect(other.message.contains("no such table"))
        #expect(StoreErrors.map(CustomerError.notFound(message: "m", details: [:])).code == "not_found")
    }

    @Test func everyListQueryUsesAnIndex() async throws {
        let store = try makeStore()
        let queries = [
            "SELECT seq FROM customers WHERE scope_no = 1 AND status = 'published' ORDER BY seq DESC LIMIT 50",
            "SELECT seq FROM customers WHERE scope_no = 1 AND status = 'published' AND (instr(search_name, 'a') > 0 "
                + "OR instr(search_email, 'a') > 0 OR instr(search_external_id, 'a') > 0) ORDER BY seq DESC LIMIT 50",
            "SELECT seq FROM customers WHERE scope_no = 1 AND status = 'published' AND parent_customer_id = 'p' "
                + "ORDER BY seq DESC LIMIT 50",
            "SELECT seq FROM customers WHERE scope_no = 1 AND status = 'published' AND external_id = 'x'",
            "SELECT seq, created_at, id FROM customers WHERE seq BETWEEN 1 AND 2 ORDER BY seq DESC LIMIT 1",
        ]
        for sql in queries {
            let plan = try await store.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
            }
            #expect(!plan.contains { $0.hasPrefix("SCAN customers") }, "\(sql): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(sql): \(plan)")
        }
    }
}
