import Console
import CustomerKit
import Testing

@Suite struct PageCacheTests {
    static func page(_ number: Int, total: Int, size: Int = 100) -> CustomerPage {
        let count = max(0, min(size, total - number * size))
        let items = (0..<count).map { i in
            Customer(id: "cust_\(number * size + i)", externalID: "x\(number * size + i)", createdAt: .now(), updatedAt: .now())
        }
        return CustomerPage(items: items, total: total, limit: size, offset: number * size)
    }

    @Test func asksOnlyForWhatTheScreenNeeds() {
        var cache = PageCache()
        #expect(cache.pagesToLoad(for: 0..<19) == [0])
        #expect(cache.pagesToLoad(for: 0..<19) == [])  // pending, not asked twice
        cache.store(Self.page(0, total: 1_000))
        #expect(cache.pagesToLoad(for: 50..<69) == [])
        #expect(cache.pagesToLoad(for: 70..<89) == [1])  // within a screen of page 1
        #expect(cache[0]?.id == "cust_0")
        #expect(cache[150] == nil)
    }

    @Test func neverAsksPastTheTotal() {
        var cache = PageCache()
        _ = cache.pagesToLoad(for: 0..<19)
        cache.store(Self.page(0, total: 30))
        #expect(cache.pagesToLoad(for: 11..<30) == [])
    }

    @Test func keepsMemoryBoundedWhileScrollingFar() {
        var cache = PageCache(pageSize: 100, keepPages: 3)
        for number in 0..<10 {
            _ = cache.pagesToLoad(for: (number * 100)..<(number * 100 + 19))
            cache.store(Self.page(number, total: 10_000))
        }
        #expect(cache[950] != nil)
        #expect(cache[5] == nil)
    }

    @Test func aFailedPageCanBeAskedForAgain() {
        var cache = PageCache()
        #expect(cache.pagesToLoad(for: 0..<19) == [0])
        cache.loadFailed(offset: 0)
        #expect(cache.pagesToLoad(for: 0..<19) == [0])
    }
}
