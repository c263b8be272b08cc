import ArgumentParser
import CustomerKit

/// The list's orders and filters on the command line (`customers list`, `customers export`),
/// as the console's `s` and `f`: one sort key, a country, metadata pairs.
struct ListRefinements: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Order: created, name, email or updated, with :asc or :desc (default: created:desc; names A to Z, dates newest first).",
        valueName: "key[:asc|desc]"))
    var sort: String?
    @Option(name: .long, help: ArgumentHelp("Only customers of this ISO 3166-1 alpha-2 country code.", valueName: "code"))
    var country: String?
    @Option(name: .long, help: ArgumentHelp("Only customers whose metadata has this pair (repeat for more).", valueName: "key=value"))
    var metadata: [String] = []

    func validate() throws {
        _ = try order()
        if let country, !CountryRule.isValid(country) {
            throw ValidationError("--country \"\(country)\" is not an ISO 3166-1 alpha-2 code (upper case: DE, US, GB, ...).")
        }
        _ = try pairs()
    }

    func order() throws -> CustomerListOrder {
        guard let sort else { return .newestFirst }
        let parts = sort.split(separator: ":", maxSplits: 1).map(String.init)
        guard let key = CustomerListOrder.Key(rawValue: parts.first ?? "") else {
            throw ValidationError("--sort must be created, name, email or updated (then :asc or :desc), not \"\(sort)\".")
        }
        switch parts.count == 2 ? parts[1] : nil {
        case nil: return CustomerListOrder(key)
        case "asc": return CustomerListOrder(key, descending: false)
        case "desc": return CustomerListOrder(key, descending: true)
        default: throw ValidationError("--sort \(key.rawValue) takes :asc or :desc, not \"\(sort)\".")
        }
    }

    func pairs() throws -> [String: String] {
        var pairs: [String: String] = [:]
        for text in metadata {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw ValidationError("--metadata takes key=value, not \"\(text)\".")
            }
            let key = String(text[..<equals])
            if pairs[key] != nil { throw ValidationError("--metadata names the key \"\(key)\" twice.") }
            pairs[key] = String(text[text.index(after: equals)...])
        }
        return pairs
    }

    /// `query` with these orders and filters.
    func apply(to query: inout CustomerQuery) throws {
        query.order = try order()
        query.country = country
        query.metadata = try pairs()
    }
}
