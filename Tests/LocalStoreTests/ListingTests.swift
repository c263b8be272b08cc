import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Listing")
struct ListingTests {
    @Test func newestFirstWithPagingAndTotals() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        for index in 0..<25 {
            try await store.create("c\(index)")
            clock.advance(1)
        }
        let first = try await store.list(CustomerQuery(limit: 10))
        #expect(first.total == 25)
        #expect(first.items.map(\.externalID) == (15..<25).reversed().map { "c\($0)" })
        #expect(first.hasMore)
        let last = try await store.list(CustomerQuery(limit: 10, offset: 20))
        #expect(last.items.map(\.externalID) == (0..<5).reversed().map { "c\($0)" })
        #expect(last.total == 25 && !last.hasMore)
        let beyond = try await store.list(CustomerQuery(limit: 10, offset: 100))
        #expect(beyond.items.isEmpty && beyond.total == 25)
    }

    @Test func limitAndOffsetAreValidated() async throws {
        let store = try makeStore()
        for (limit, offset, field) in [(0, 0, "limit"), (1001, 0, "limit"), (-1, 0, "limit"), (10, -1, "offset")] {
            let failure = await error { _ = try await store.list(CustomerQuery(limit: limit, offset: offset)) }
            #expect(failure?.code == "validation_error")
            #expect(failure?.details[field] != nil)
        }
        _ = try await store.list(CustomerQuery(limit: 1000))
    }

    @Test func sameTimestampSortsByIDDescending() async throws {
        let store = try makeStore(clock: TestClock())  // the clock never moves
        var ids: [String] = []
        for index in 0..<12 { ids.append(try await store.create("same\(index)").id) }
        let listed = try await store.list(CustomerQuery()).items.map(\.id)
        #expect(listed == ids.sorted(by: >))
        #expect(Set(ids).count == 12)
    }

    @Test func externalIDFilterIsExact() async throws {
        let store = try makeStore()
        try await store.create("abc")
        try await store.create("abcd")
        let page = try await store.list(CustomerQuery(externalID: "abc"))
        #expect(page.total == 1 && page.items.first?.externalID == "abc")
    }

    @Test func unknownStatusListsNothing() async throws {
        let store = try makeStore()
        try await store.create("a")
        #expect(try await store.list(CustomerQuery(status: CustomerStatus("deleted"))).total == 0)
    }
}
