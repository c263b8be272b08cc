import CustomerKit
import Foundation
import GRDB
@testable import LocalStore
import Testing

/// The list's orders (`s`) and filters (`f`): every combination of order, country, metadata
/// pair, search and status pages exactly as a plain sort and filter of every customer would.
@Suite("List orders and filters")
struct ListOrderAndFilterTests {
    static let names = ["acme", "Acme", "ACME Labs", "Ørsted", "beta", "Beta GmbH", "zed", "Jürgen", "", "Émile", "émile", "delta"]
    static let countries = ["DE", "US", "", "GB"]
    static let plans = ["pro", "free", nil]

    /// 60 customers a second apart, some updated later and some archived.
    private func populated() async throws -> LocalCustomerStore {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        var made: [Customer] = []
        for n in 0..<60 {
            let plan = Self.plans[n % 3]
            let request = CreateCustomerRequest(
                externalID: "ext-\(n % 7)-\(n)", name: Self.names[n % Self.names.count],
                email: "u\(59 - n)@\(["acme.com", "Beta.io", "zed.dev"][n % 3])",
                addressCountry: Self.countries[n % 4].isEmpty ? nil : Self.countries[n % 4],
                metadata: plan.map { ["plan": $0, "n": "\(n)"] } ?? (n % 2 == 0 ? [:] : nil))
            made.append(try await store.create(request))
            clock.advance(1)
        }
        // Updates in another order than creation, so that updated_at differs from created_at's order.
        for n in stride(from: 0, to: 60, by: 5) {
            clock.advance(1)
            _ = try await store.update(.id(made[(n * 7) % 60].id), UpdateCustomerRequest(metadata: ["plan": "pro"]))
        }
        for n in stride(from: 3, to: 60, by: 11) { try await store.delete(id: made[n].id) }
        return store
    }

    /// Every customer of the store, read one at a time (not through the list).
    private func everyone(_ store: LocalCustomerStore) async throws -> [Customer] {
        var all: [Customer] = []
        for status in [CustomerStatus.published, .archived] {
            all += try await store.list(CustomerQuery(status: status, limit: 1000)).items
        }
        return all
    }

    /// The order by hand: the key (text folded first, then exact), then created newest first, then id.
    private static func expected(_ all: [Customer], _ query: CustomerQuery) -> [Customer] {
        let search = query.search.map { SearchText.normalize($0) }
        let matches = all.filter { c in
            c.status == query.status
                && (query.country.map { c.addressCountry == $0 } ?? true)
                && query.metadata.allSatisfy { c.metadata?[$0.key] == $0.value }
                && (search.map { s in [c.name, c.email, c.externalID].contains { SearchText.normalize($0).contains(s) } } ?? true)
        }
        let order = query.order
        func ordered<T: Comparable>(_ x: T, _ y: T, _ descending: Bool) -> Bool? { x == y ? nil : (descending ? x > y : x < y) }
        return matches.sorted { a, b in
            let key: Bool? = switch order.key {
            case .created: nil
            case .updated: ordered(a.updatedAt.date, b.updatedAt.date, order.descending)
            case .name: ordered(NameSortKey.of(a.name), NameSortKey.of(b.name), order.descending)
                ?? ordered(a.name, b.name, order.descending)
            case .email: ordered(SearchText.normalize(a.email), SearchText.normalize(b.email), order.descending)
                ?? ordered(a.email, b.email, order.descending)
            }
            if let key { return key }
            let newest = order.key == .created ? order.descending : true
            return ordered(a.createdAt.date, b.createdAt.date, newest) ?? ordered(a.id, b.id, newest) ?? false
        }
    }

    @Test func everyOrderFilterAndSearchPagesAsAPlainSortWould() async throws {
        let store = try await populated()
        let all = try await everyone(store)
        #expect(all.count == 60)
        var orders: [CustomerListOrder] = []
        for key in CustomerListOrder.Key.allCases { orders += [CustomerListOrder(key), CustomerListOrder(key).reversed] }
        var checked = 0
        for order in orders {
            for country in [nil, "DE", "GB", "FR"] {
                for metadata in [[:], ["plan": "pro"], ["plan": "free", "n": "1"], ["plan": "nope"]] {
                    for search in [nil, "acme", "a", "ext-3"] {
                        for status in [CustomerStatus.published, .archived] {
                            let base = CustomerQuery(search: search, status: status, country: country, metadata: metadata, order: order)
                            let want = Self.expected(all, base).map(\.id)
                            var got: [String] = []
                            var query = base
                            query.limit = 7
                            while true {
                                let page = try await store.list(query)
                                #expect(page.total == want.count, "\(base)")
                                got += page.items.map(\.id)
                                if page.items.count < query.limit { break }
                                query.offset += query.limit
                            }
                            #expect(got == want, "\(base)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 8 * 4 * 4 * 4 * 2)
    }

    /// An alphabetical list as an operator reads it: accents, case and surrounding spaces do
    /// not count (they once put Ångström and émile after zed); other scripts come after Latin.
    @Test func namesSortAlphabeticallyWhateverTheirAccents() async throws {
        let store = try makeStore()
        for name in ["zed", "Ångström", "émile", "Emile", "  spaced", "Łukasz", "Zoë", "adam", "Ünal", "李雷", "Ørsted", "Bo"] {
            try await store.create(CreateCustomerRequest(externalID: "n-\(name.unicodeScalars.count)-\(name.hashValue)", name: name))
        }
        let page = try await store.list(CustomerQuery(limit: 50, order: CustomerListOrder(.name)))
        #expect(page.items.map(\.name) == ["adam", "Ångström", "Bo", "Emile", "émile", "Łukasz", "Ørsted", "  spaced", "Ünal",
                                            "zed", "Zoë", "李雷"])
    }

    @Test func metadataFollowsUpdatesDeletesAndStatus() async throws {
        let store = try makeStore()
        let a = try await store.create(CreateCustomerRequest(externalID: "a", metadata: ["plan": "pro"]))
        let b = try await store.create(CreateCustomerRequest(externalID: "b", metadata: ["plan": "free"]))
        func pro(_ status: CustomerStatus = .published) async throws -> [String] {
            try await store.list(CustomerQuery(status: status, metadata: ["plan": "pro"])).items.map(\.externalID)
        }
        #expect(try await pro() == ["a"])
        _ = try await store.update(.id(b.id), UpdateCustomerRequest(metadata: ["plan": "pro"]))
        #expect(try await pro() == ["b", "a"])
        _ = try await store.update(.id(a.id), UpdateCustomerRequest(metadata: [:]))
        #expect(try await pro() == ["b"])
        try await store.delete(id: b.id)
        #expect(try await pro().isEmpty)
        #expect(try await pro(.archived) == ["b"], "a deleted customer's pairs move with it to archived")
    }

    /// A store made before the v2 migration gets its metadata pairs indexed when it opens.
    @Test func upgradingAStoreIndexesTheMetadataItAlreadyHas() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("old.sqlite")
        do {
            let store = try LocalCustomerStore(path: path, operator: "test")
            try await store.create(CreateCustomerRequest(externalID: "old-1", name: "Ärger", metadata: ["plan": "pro"]))
            try await store.create(CreateCustomerRequest(externalID: "old-2", name: "Zelda", metadata: ["plan": "free"]))
        }
        // Back to v1: the v2 objects go, and so does the record that v2 ran.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            for trigger in ["customers_metadata_insert", "customers_metadata_delete", "customers_metadata_update"] {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            for index in ["customers_name_order", "customers_email_order", "customers_updated_order", "customers_country"] {
                try db.execute(sql: "DROP INDEX \(index)")
            }
            try db.execute(sql: "DROP TABLE customer_metadata")
            try db.execute(sql: "ALTER TABLE customers DROP COLUMN sort_name")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v2:%'")
        }
        try queue.close()
        let reopened = try LocalCustomerStore(path: path, operator: "test")
        let page = try await reopened.list(CustomerQuery(metadata: ["plan": "pro"]))
        #expect(page.items.map(\.externalID) == ["old-1"])
        #expect(page.total == 1)
        // And the names it had get their sort keys.
        try await reopened.create(CreateCustomerRequest(externalID: "new-1", name: "Bea"))
        let sorted = try await reopened.list(CustomerQuery(order: CustomerListOrder(.name)))
        #expect(sorted.items.map(\.externalID) == ["old-1", "new-1", "old-2"])
    }
}
