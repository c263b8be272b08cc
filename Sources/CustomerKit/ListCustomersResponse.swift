/// The API's list shape: `{"items": [...], "pagination": {"total", "limit", "offset"}}`.
/// As the server does, `pagination.offset` is the request offset plus the limit: the offset of
/// the next page, not the one that was asked for.
public struct ListCustomersResponse: Sendable, Hashable, Codable {
    public struct Pagination: Sendable, Hashable, Codable {
        public var total: Int
        public var limit: Int
        public var offset: Int
        public init(total: Int, limit: Int, offset: Int) {
            self.total = total
            self.limit = limit
            self.offset = offset
        }
    }

    public var items: [Customer]
    public var pagination: Pagination

    public init(items: [Customer], pagination: Pagination) {
        self.items = items
        self.pagination = pagination
    }

    /// The API's response for a page.
    public init(page: CustomerPage) {
        items = page.items
        pagination = Pagination(total: page.total, limit: page.limit, offset: page.offset + page.limit)
    }

    /// The page this response answers, given the offset that was asked for.
    public func page(requestedOffset: Int) -> CustomerPage {
        CustomerPage(items: items, total: pagination.total, limit: pagination.limit, offset: requestedOffset)
    }
}
