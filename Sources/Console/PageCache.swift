import CustomerKit

/// The rows of a list that has been fetched so far, page by page. The list scrolls through any
/// number of customers while holding only the pages near what is on screen.
public struct PageCache: Sendable {
    public let pageSize: Int
    /// Pages kept around the visible one; farther pages are dropped to bound memory.
    public let keepPages: Int
    private(set) var pages: [Int: [Customer]] = [:]
    /// Rows of the previous load of the same query, shown until fresh ones replace them, so a
    /// reload does not blank the screen.
    private var stale: [Int: [Customer]] = [:]
    private var staleTotal: Int?
    private(set) var pending: Set<Int> = []
    /// Every match of the query, once the first answer arrived.
    public private(set) var total: Int?

    /// The most rows a list believes in: far beyond any store, far below overflow.
    static let maxTotal = Int.max / 4

    public init(pageSize: Int = 100, keepPages: Int = 8) {
        self.pageSize = pageSize
        self.keepPages = keepPages
    }

    public subscript(index: Int) -> Customer? {
        (pages[index / pageSize] ?? stale[index / pageSize]).flatMap { page in
            let i = index % pageSize
            return i < page.count ? page[i] : nil
        }
    }

    /// Page numbers that rows `range` need and that are neither loaded nor being loaded;
    /// marks them pending. When the range is within a screen of the next page, that page is
    /// asked for too, so scrolling does not wait.
    public mutating func pagesToLoad(for range: Range<Int>) -> [Int] {
        guard !range.isEmpty || total == nil else { return [] }
        let first = max(0, range.lowerBound) / pageSize
        var last = max(first, (max(range.upperBound, 1) - 1) / pageSize)
        if range.upperBound + range.count >= (last + 1) * pageSize { last += 1 }
        if let total { last = min(last, max(0, (total - 1) / pageSize)) }
        var wanted: [Int] = []
        for page in first...max(first, last) where pages[page] == nil && !pending.contains(page) {
            if let total, page * pageSize >= total, page > 0 { continue }
            wanted.append(page)
            pending.insert(page)
        }
        return wanted
    }

    public mutating func store(_ page: CustomerPage) {
        let number = page.offset / pageSize
        pending.remove(number)
        pages[number] = page.items
        // A remote server's pagination.total is passed on as sent; one that is negative or
        // near Int.max would overflow the list's row arithmetic.
        total = min(max(0, page.total), Self.maxTotal)
        // The first fresh answer decides how many rows there are; older rows go.
        stale = [:]
        staleTotal = nil
        // Keep memory bounded: drop the pages farthest from this one.
        if pages.count > keepPages {
            let far = pages.keys.sorted { abs($0 - number) > abs($1 - number) }
            for key in far.prefix(pages.count - keepPages) { pages[key] = nil }
        }
    }

    /// A failed load may be asked for again.
    public mutating func loadFailed(offset: Int) {
        pending.remove(offset / pageSize)
    }

    /// Forgets every row. With `keepingRows` (a reload of the same query) the old rows stay
    /// visible until the first fresh page arrives.
    public mutating func reset(keepingRows: Bool = false) {
        if keepingRows {
            stale = pages
            staleTotal = total
        } else {
            stale = [:]
            staleTotal = nil
        }
        pages = [:]
        pending = []
        total = nil
    }

    /// The number of rows to show: the fresh total, or while reloading the previous one.
    public var displayTotal: Int? { total ?? staleTotal }

    public var isLoading: Bool { !pending.isEmpty }

    /// The query for one page number.
    public func query(page: Int, base: CustomerQuery) -> CustomerQuery {
        var query = base
        query.limit = pageSize
        query.offset = page * pageSize
        return query
    }
}
