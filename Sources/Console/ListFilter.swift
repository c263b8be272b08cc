import CustomerKit

/// The list's filters beyond search and status (`f`): a country, and one metadata key with
/// its value, as the FlexPrice dashboard filters. Empty parts filter nothing.
public struct ListFilter: Sendable, Hashable {
    public var country: String
    public var metadataKey: String
    public var metadataValue: String

    public init(country: String = "", metadataKey: String = "", metadataValue: String = "") {
        self.country = country
        self.metadataKey = metadataKey
        self.metadataValue = metadataValue
    }

    public var isEmpty: Bool { country.isEmpty && metadataKey.isEmpty }

    /// The filters as a query's: a key without a value matches customers whose value is empty.
    func apply(to query: inout CustomerQuery) {
        query.country = country.isEmpty ? nil : country
        query.metadata = metadataKey.isEmpty ? [:] : [metadataKey: metadataValue]
    }

    /// "country DE · plan=pro", for the list's toolbar.
    public var summary: String {
        var parts: [String] = []
        if !country.isEmpty { parts.append("country \(country)") }
        if !metadataKey.isEmpty { parts.append("\(metadataKey)=\(metadataValue)") }
        return parts.joined(separator: " · ")
    }

    /// What is wrong with the filters as typed, if anything, and the field to fix.
    var problem: (field: Int, message: String)? {
        if !country.isEmpty, !CountryRule.isValid(country) {
            return (0, "“\(country)” is not an ISO 3166-1 alpha-2 country code (DE, US, GB, …).")
        }
        if metadataKey.isEmpty, !metadataValue.isEmpty {
            return (1, "Type the metadata key the value belongs to.")
        }
        return nil
    }
}
