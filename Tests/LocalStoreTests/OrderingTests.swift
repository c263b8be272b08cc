import CustomerKit
import Foundation
@testable import LocalStore
import Testing

/// The list order is created_at then id, descending, whatever order rows were written in.
/// The store keeps `seq` in that order (ListPosition); these tests move the clock backwards.
@Suite("List order with clocks that go backwards")
struct OrderingTests {
    private func expectListOrder(_ store: LocalCustomerStore, _ customers: [Customer]) async throws {
        let expected = customers.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }.map(\.id)
        let listed = try await store.list(CustomerQuery(limit: 1000)).items.map(\.id)
        #expect(listed == expected)
        // The search index returns matches in the same order.
        let searched = try await store.list(CustomerQuery(search: "order", limit: 1000)).items.map(\.id)
        #expect(searched == expected)
        let short = try await store.list(CustomerQuery(search: "or", limit: 1000)).items.map(\.id)
        #expect(short == expected)
    }

    @Test func olderRowsWrittenLaterStillSortByDate() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        var customers: [Customer] = []
        for offset in [0.0, 100, 50, 75, -20, 60, 100, 99.5] {
            clock.set(Date(timeIntervalSince1970: 1_790_000_000 + offset))
            customers.append(try await store.create("order-\(customers.count)", name: "Order"))
        }
        try await expectListOrder(store, customers)
    }

    @Test func manyInsertsIntoOneGapRenumberTheEnvironment() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        var customers: [Customer] = []
        clock.set(Date(timeIntervalSince1970: 1_790_000_000))
        customers.append(try await store.create("first", name: "Order"))
        clock.set(Date(timeIntervalSince1970: 1_790_001_000))
        customers.append(try await store.create("last", name: "Order"))
        // Each new row lands between the first and the previous one: the gap halves every time,
        // so after ~20 rows the environment must be renumbered.
        for step in 1...40 {
            clock.set(Date(timeIntervalSince1970: 1_790_001_000 - Double(step) * 10))
            customers.append(try await store.create("mid-\(step)", name: "Order"))
        }
        try await expectListOrder(store, customers)
        #expect(try await store.list(CustomerQuery(search: "order")).total == 42)
        // The first customer no longer sits where a scope's first row goes: rows were renumbered.
        let firstSeq = try await store.record(id: customers[0].id)?.seq
        #expect(firstSeq != store.storeScope.seqRange.lowerBound + ListPosition.firstOffset)
    }
}
