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

    /// What exactly is wrong with this value, when the kind alone would leave the operator
    /// guessing: "it ends with a space", "UK is not an ISO code: the United Kingdom is GB".
    public struct Hint: Sendable, Hashable {
        /// A sentence for the message line and the CLI.
        public let long: String
        /// A few words for beside the field.
        public let short: String

        public init(long: String, short: String) {
            self.long = long
            self.short = short
        }
    }

    public let field: CustomerField
    public let kind: Kind
    public let hint: Hint?

    public init(field: CustomerField, kind: Kind, hint: Hint? = nil) {
        self.field = field
        self.kind = kind
        self.hint = hint
    }

    /// The problem without the field's name, for display beside the field.
    public var problem: String {
        guard let hint else { return basicProblem }
        return "\(basicProblem): \(hint.long)"
    }

    private var basicProblem: String {
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
