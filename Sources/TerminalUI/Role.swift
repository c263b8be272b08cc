/// What a piece of screen text *is*; a `Theme` decides how each role looks.
/// Screens only ever name roles, never colours, so themes and NO_COLOR work everywhere.
public enum Role: String, CaseIterable, Sendable, Codable {
    case text, title, label, field, fieldFocused, error, hint, selection, statusBar
    case dialog, dialogTitle, border, counter, success, muted, header, key
    /// The unused cells of an input field (e.g. underlined, so the field's extent shows while
    /// the text itself stays plain: see `TextFieldState.render` on why that matters).
    case fieldPad
    /// A production profile's title bar and confirmations: unmistakable, in colour or without.
    case production

    /// Dense index (0..<allCases.count) used for per-role lookup tables in the driver.
    public var index: Int {
        switch self {
        case .text: 0
        case .title: 1
        case .label: 2
        case .field: 3
        case .fieldFocused: 4
        case .error: 5
        case .hint: 6
        case .selection: 7
        case .statusBar: 8
        case .dialog: 9
        case .dialogTitle: 10
        case .border: 11
        case .counter: 12
        case .success: 13
        case .muted: 14
        case .header: 15
        case .key: 16
        case .fieldPad: 17
        case .production: 18
        }
    }
}
