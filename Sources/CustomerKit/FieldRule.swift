import Foundation

/// A format a field's value must have, beyond its length.
public enum FieldFormat: Sendable, Hashable {
    case email
    case countryCode
    case timezone
}

/// The rule for one field: its limit (and the unit it is counted in), whether it is required,
/// and its format. The table of these is `CustomerValidation.rules`; every layer asks it.
public struct FieldRule: Sendable, Hashable {
    public let field: CustomerField
    /// The most the field may hold, counted in `unit`; nil for no limit.
    public let maxLength: Int?
    public let unit: LengthUnit
    /// Must be present and non-empty on create (and may not be cleared on update).
    public let required: Bool
    public let format: FieldFormat?

    public init(_ field: CustomerField, max: Int?, unit: LengthUnit = .codePoints,
                required: Bool = false, format: FieldFormat? = nil) {
        self.field = field
        self.maxLength = max
        self.unit = unit
        self.required = required
        self.format = format
    }

    /// The value's length in this rule's unit.
    public func length(of value: String) -> Int { unit.length(of: value) }

    /// Whether the value fits the length limit: the hard stop a form applies while typing.
    public func fits(_ value: String) -> Bool {
        guard let maxLength else { return true }
        return length(of: value) <= maxLength
    }

    /// What is left before the limit (nil without a limit), for a counter near the field.
    public func remaining(for value: String) -> Int? {
        maxLength.map { $0 - length(of: value) }
    }

    /// Every problem with one value, in the order an operator should fix them
    /// (at most one: the first failing check, as the server reports per field).
    public func check(_ value: String) -> FieldIssue? {
        if value.isEmpty {
            return required ? FieldIssue(field: field, kind: .required) : nil
        }
        if let maxLength {
            let given = length(of: value)
            if given > maxLength {
                let ascii = value.utf8.allSatisfy { $0 < 0x80 }
                // "USA" or "Great Britain" in the country: say which code is meant, not just "2".
                let hint = format == .countryCode ? CountryRule.correctionHint(for: value) : nil
                return FieldIssue(field: field, kind: .tooLong(limit: maxLength, given: given, unit: unit, asciiOnly: ascii),
                                  hint: hint)
            }
        }
        switch format {
        case .email?:
            if !EmailRule.isValid(value) { return FieldIssue(field: field, kind: .invalidEmail, hint: Self.spaceHint(value)) }
        case .countryCode?:
            if !CountryRule.isValid(value) {
                return FieldIssue(field: field, kind: .invalidCountry, hint: CountryRule.correctionHint(for: value))
            }
        case .timezone?:
            if value == "Local" || value == "local" || TimeZone(identifier: value) == nil {
                return FieldIssue(field: field, kind: .invalidTimezone)
            }
        case nil:
            break
        }
        return nil
    }

    /// A space at either end is invisible on screen; a value refused for it must say so.
    static func spaceHint(_ value: String) -> FieldIssue.Hint? {
        let leading = value.first?.isWhitespace == true
        let trailing = value.last?.isWhitespace == true
        switch (leading, trailing) {
        case (true, true): return .init(long: "it begins and ends with a space", short: "spaces at both ends")
        case (true, false): return .init(long: "it begins with a space", short: "begins with a space")
        case (false, true): return .init(long: "it ends with a space", short: "ends with a space")
        case (false, false):
            return value.contains(where: \.isWhitespace) ? .init(long: "it contains a space", short: "contains a space") : nil
        }
    }
}
