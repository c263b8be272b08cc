import CustomerKit

/// An import's lookups: one `POST /customers/search` with `external_ids` (an IN filter on the
/// live server and on this project's) per thousand rows, instead of one GET per row.
extension RemoteCustomerClient: BatchLookup {
    public func published(externalIDs: [String]) async throws(CustomerError) -> [String: Customer] {
        var found: [String: Customer] = [:]
        let wanted = Set(externalIDs)
        var start = 0
        while start < externalIDs.count {
            let chunk = Array(externalIDs[start..<min(start + CustomerQuery.maxLimit, externalIDs.count)])
            start += chunk.count
            let body = CustomerSearchBody(limit: CustomerQuery.maxLimit, offset: 0, status: CustomerStatus.published.rawValue,
                                          externalIDs: chunk)
            let page = try await search.fetch(body)
            // Check rather than trust: a server that ignored the filter would return anyone.
            for customer in page.items where customer.status == .published && wanted.contains(customer.externalID) {
                found[customer.externalID] = customer
            }
        }
        return found
    }
}
