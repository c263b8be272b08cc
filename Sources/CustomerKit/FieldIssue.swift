/// One thing wrong with one field, in words an operator understands.
public struct FieldIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case required
        /// `given` is counted in `unit`; `asciiOnly` says whether bytes and characters are the same for the value.
        case tooLong(limit: Int, given: Int, unit: LengthUnit, asciiOnly: Bool)
        case invalidEmail
        case invalidCountry
        case invalidTimezone
        case conflictsWith(CustomerField)
        case invalid(String)
    }

    public let field: CustomerField
    public let kind: Kind

    public init(field: CustomerField, kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// The problem without the field's name, for display beside the field.
    public var problem: String {
        switch kind {
        case .required:
            return "required"
        case let .tooLong(limit, given, unit, asciiOnly):
            // Bytes only matter to the operator once the text is not plain ASCII.
            if unit == .utf8Bytes && !asciiOnly {
                return "at most \(limit) bytes (\(given) given; accented and non-Latin characters count 2 to 4)"
            }
            return "at most \(limit) characters (\(given) given)"
        case .invalidEmail:
            return "not a valid email address (expected name@example.com)"
        case .invalidCountry:
            return "use a two-letter ISO 3166-1 code in capitals, such as US or DE"
        case .invalidTimezone:
            return "not a known IANA time zone (e.g. UTC, Europe/Berlin)"
        case let .conflictsWith(other):
            return "give either \(field.label.lowercased()) or \(other.label.lowercased()), not both"
        case let .invalid(text):
            return text
        }
    }

    /// "Postal code: at most 20 characters (25 given)".
    public var message: String { "\(field.label): \(problem)" }
    public var description: String { message }
}
