import CustomerKit

/// How `CustomerListing` answers a query, decided from the query alone.
struct SearchPlan {
    enum Kind: Equatable {
        /// Nothing can match (a NUL byte, a search longer than any value): no database work.
        case nothing
        /// Any status, no search, no filters: counts table plus index walk.
        case everything
        /// Extra filters, or a search among non-published customers (not in the search index):
        /// plain SQL over indexed columns, with a substring test when searching.
        case filtered
        /// Published, no filters, search of 3+ characters: the trigram index.
        case trigram(String)
        /// Published, no filters, search of 1-2 characters: gram counts plus walk or vocabulary.
        case short(String)
    }

    let kind: Kind
    /// The normalized search text, if the query searches.
    let text: String?

    /// No stored value is longer than this many normalized characters (the longest searched
    /// field's limit in code points, tripled: lower-casing at most triples a character); a
    /// longer search matches nothing.
    static let longestSearch = 3 * FieldCatalogue.fields(in: .textSearch)
        .compactMap { CustomerValidation.rule(for: $0).maxLength }.max()!

    init(query: CustomerQuery) {
        let trimmed = query.search.map(Self.trimmed) ?? ""
        text = trimmed.isEmpty ? nil : SearchText.normalize(trimmed)
        // SQLite text binding stops at NUL; nothing stored contains one (RequestChecks).
        let keys = [query.externalID, query.parentCustomerID, text, query.status.rawValue].compactMap { $0 }
        if keys.contains(where: { $0.utf8.contains(0) }) {
            kind = .nothing
            return
        }
        let hasFilters = query.externalID != nil || query.parentCustomerID != nil
        guard let text else {
            kind = hasFilters ? .filtered : .everything
            return
        }
        let length = SearchText.length(text)
        if length > Self.longestSearch {
            kind = .nothing
        } else if hasFilters || query.status != .published {
            kind = .filtered
        } else {
            kind = length >= 3 ? .trigram(text) : .short(text)
        }
    }

    /// Leading and trailing white space never helps a search; an operator rarely means it.
    static func trimmed(_ text: String) -> String {
        var slice = Substring(text)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
