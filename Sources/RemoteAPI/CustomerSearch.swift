import CustomerKit

/// Lists and searches customers through `POST /customers/search`.
///
/// `CustomerQuery.search` means "name OR email OR external id contains the text, ignoring
/// case", but the server combines `filters` with AND. So a search runs one query per field
/// (concurrently), each newest first, and merges them here.
struct CustomerSearch: Sendable {
    typealias FetchPage = @Sendable (CustomerSearchBody) async throws(CustomerError) -> ListCustomersResponse

    /// The most rows the server returns for one request.
    static let maxPageSize = CustomerQuery.maxLimit
    /// The columns a search looks in, in the order their sub-queries are reported.
    static let searchedColumns = ["name", "email", "external_id"]

    let fetch: FetchPage

    /// One page of the query's results. `offset` in the page is the one asked for (the
    /// server's `pagination.offset` is the next page's).
    ///
    /// For a text search, `total` is exact when every sub-query was read to its end (always
    /// the case once the page reaches past the last match). Otherwise the sub-queries'
    /// matches beyond `offset + limit` were not fetched, so overlaps among them are unknown and
    /// `total` is an upper bound: the sum of the sub-queries' totals minus the duplicates seen.
    /// Reaching page N of a search costs `offset + limit` rows per sub-query, in requests of at
    /// most 1000 rows.
    ///
    func run(_ query: CustomerQuery) async throws(CustomerError) -> CustomerPage {
        if let text = query.search, !text.isEmpty {
            return try await searchAnyField(text, query)
        }
        let response = try await fetch(body(for: query, offset: query.offset, limit: query.limit, filter: nil))
        return CustomerPage(items: response.items, total: response.pagination.total,
                            limit: query.limit, offset: query.offset)
    }

    func body(for query: CustomerQuery, offset: Int, limit: Int,
              filter: CustomerSearchBody.FilterCondition?) -> CustomerSearchBody {
        var filters = filter.map { [$0] } ?? []
        if let country = query.country { filters.append(.equals("address_country", country)) }
        // Sent only to this project's server (see `RemoteCustomerClient.list`).
        if let parent = query.parentCustomerID { filters.append(.equals("parent_customer_id", parent)) }
        var body = CustomerSearchBody(limit: limit, offset: offset, status: query.status.rawValue,
                                      externalID: query.externalID, filters: filters.isEmpty ? nil : filters)
        if !query.metadata.isEmpty { body.metadata = query.metadata }
        let order = query.order
        if order.key == .created {
            if !order.descending { body.order = "asc" }
        } else {
            body.sort = [.init(field: order.key.column, direction: order.descending ? "desc" : "asc")]
        }
        return body
    }

    /// Whether `a` comes before `b` in `order`, as the server sorts: the key (text folded
    /// first, then exact), then created_at newest first (the key itself when it is `created`),
    /// then id. Used to merge the per-field sub-queries of a search.
    static func precedes(_ a: Customer, _ b: Customer, in order: CustomerListOrder) -> Bool {
        func ordered<T: Comparable>(_ x: T, _ y: T, descending: Bool) -> Bool? {
            x == y ? nil : (descending ? x > y : x < y)
        }
        let byKey: Bool?
        switch order.key {
        case .created: byKey = nil
        case .updated: byKey = ordered(a.updatedAt, b.updatedAt, descending: order.descending)
        case .name:
            byKey = ordered(NameSortKey.of(a.name), NameSortKey.of(b.name), descending: order.descending)
                ?? ordered(a.name, b.name, descending: order.descending)
        case .email:
            byKey = ordered(a.email.lowercased(), b.email.lowercased(), descending: order.descending)
                ?? ordered(a.email, b.email, descending: order.descending)
        }
        if let byKey { return byKey }
        let newestFirst = order.key == .created ? order.descending : true
        return ordered(a.createdAt, b.createdAt, descending: newestFirst) ?? ordered(a.id, b.id, descending: newestFirst) ?? false
    }

    private func searchAnyField(_ text: String, _ query: CustomerQuery) async throws(CustomerError) -> CustomerPage {
        let needed = query.offset + query.limit
        let columns = Self.searchedColumns
        async let first = collect(query, .contains(columns[0], text), needed: needed)
        async let second = collect(query, .contains(columns[1], text), needed: needed)
        async let third = collect(query, .contains(columns[2], text), needed: needed)
        let results = await [first, second, third]
        var parts: [Collected] = []
        for result in results { parts.append(try result.get()) }

        var byID: [String: Customer] = [:]
        var fetched = 0
        for part in parts {
            fetched += part.items.count
            for customer in part.items where byID[customer.id] == nil { byID[customer.id] = customer }
        }
        let order = query.order
        let merged = byID.values.sorted { a, b in Self.precedes(a, b, in: order) }
        let duplicates = fetched - merged.count
        let total = parts.allSatisfy(\.complete)
            ? merged.count
            : max(merged.count, parts.reduce(0) { sum, part in
                // Totals come from the server: a negative one counts as none, and a huge sum
                // stops at Int.max instead of trapping.
                let (added, overflow) = sum.addingReportingOverflow(max(0, part.total))
                return overflow ? Int.max : added
            } - duplicates)
        let items = Array(merged.dropFirst(query.offset).prefix(query.limit))
        return CustomerPage(items: items, total: total, limit: query.limit, offset: query.offset)
    }

    /// The first rows of one sub-query.
    private struct Collected: Sendable {
        var items: [Customer] = []
        var total = 0
        /// Every match of the sub-query was fetched.
        var complete = false
    }

    /// Reads a sub-query from the start until it has `needed` rows or runs out.
    private func collect(_ query: CustomerQuery, _ filter: CustomerSearchBody.FilterCondition,
                         needed: Int) async -> Result<Collected, CustomerError> {
        var collected = Collected()
        do throws(CustomerError) {
            while collected.items.count < needed {
                let limit = min(Self.maxPageSize, needed - collected.items.count)
                let response = try await fetch(body(for: query, offset: collected.items.count, limit: limit,
                                                    filter: filter))
                collected.total = response.pagination.total
                collected.items += response.items
                if response.items.count < limit || collected.items.count >= collected.total {
                    collected.complete = true
                    break
                }
            }
            if collected.items.count >= collected.total { collected.complete = true }
            return .success(collected)
        } catch {
            return .failure(error)
        }
    }
}
