import CustomerKit
import TerminalUI

/// One text field of the customer form: the editing state plus what the operator is told
/// about it. Length limits come from the validation table as a hard stop on input; format
/// problems are shown once the field is left (or on save) and then follow the typing live.
struct FormTextField: Sendable {
    let field: CustomerField
    var input: TextFieldState
    /// The problem shown beside the field, if any (local rule or the backend's word).
    private(set) var error: String?
    /// Once an error has been shown, it is re-checked on every change.
    private(set) var errorShown = false

    /// The country field takes a name to search for as well as a code, so its input may be
    /// longer than the stored value; everything else stops at the table's limit.
    static let countrySearchLimit = 40

    init(field: CustomerField, text: String = "", width: Int = 40) {
        self.field = field
        let rule = CustomerValidation.rule(for: field)
        if field == .addressCountry {
            input = TextFieldState(text: text, displayWidth: width,
                                   accepts: { $0.unicodeScalars.count <= Self.countrySearchLimit },
                                   transform: { $0.uppercased() })
        } else {
            input = TextFieldState(text: text, displayWidth: width, accepts: { rule.fits($0) })
        }
    }

    var text: String { input.text }
    var rule: FieldRule { CustomerValidation.rule(for: field) }

    /// The operator left the field: check formats (a required field waits for save, so
    /// tabbing through an empty form shows no red).
    mutating func blurred() {
        guard !text.isEmpty else {
            if error != nil { recheck() }
            return
        }
        if let issue = rule.check(text) {
            show(Self.shortProblem(issue))
        }
    }

    /// The text changed: a backend error no longer applies; a shown rule error follows along.
    mutating func edited() {
        if errorShown { recheck() } else { error = nil }
    }

    /// Checks for save: every rule including required. Returns the issue, and shows it.
    mutating func checkForSave() -> FieldIssue? {
        let issue = rule.check(text)
        if let issue { show(Self.shortProblem(issue)) } else { clear() }
        return issue
    }

    mutating func show(_ problem: String) {
        error = problem
        errorShown = true
    }

    mutating func clear() {
        error = nil
        errorShown = false
    }

    private mutating func recheck() {
        if let issue = rule.check(text) { error = Self.shortProblem(issue) } else { clear() }
    }

    /// "17/20" once the value is within a fifth of its limit, so the hard stop never surprises.
    var counter: String? {
        guard let limit = rule.maxLength, field != .addressCountry else { return nil }
        let used = rule.length(of: text)
        guard used * 5 >= limit * 4 else { return nil }
        let unit = rule.unit == .utf8Bytes && !text.utf8.allSatisfy({ $0 < 0x80 }) ? " bytes" : ""
        return "\(used)/\(limit)\(unit)"
    }

    /// Why a key put nothing (or not everything) into the field, in the operator's words.
    func explain(_ refusal: TextFieldState.Refusal) -> String {
        switch refusal {
        case .limit:
            if field == .addressCountry {
                return "Country takes a two-letter code, or up to \(Self.countrySearchLimit) characters of a name to search for."
            }
            guard let limit = rule.maxLength else { return "\(field.label) cannot take that." }
            return "\(field.label) holds at most \(limit) \(rule.unit == .utf8Bytes ? "bytes" : "characters")."
        case .unsafe(let character):
            return "\(SafeText.visible(String(character))) was not typed: " + Self.unsafeReason(character)
        }
    }

    private static func unsafeReason(_ character: Character) -> String {
        let first = character.unicodeScalars.first.map(\.value) ?? 0
        if first < 0x20 || (0x7F...0x9F).contains(first) { return "control characters cannot go into a field." }
        if let scalar = character.unicodeScalars.first,
           [.nonspacingMark, .enclosingMark, .spacingMark].contains(scalar.properties.generalCategory) {
            return "a combining mark needs a letter before it."
        }
        return "invisible and direction-changing characters cannot go into a field here."
    }

    /// Short wording that fits beside a field at 80 columns; the message line has the long one.
    static func shortProblem(_ issue: FieldIssue) -> String {
        if let hint = issue.hint { return hint.short }
        return switch issue.kind {
        case .required: "required"
        case let .tooLong(limit, _, unit, asciiOnly):
            unit == .utf8Bytes && !asciiOnly ? "max \(limit) bytes" : "max \(limit) characters"
        case .invalidEmail: "not an email address"
        case .invalidCountry: "unknown country code"
        case .invalidTimezone: "unknown time zone"
        case .conflictsWith: "id or external id, not both"
        case .invalid(let text): text
        }
    }
}
