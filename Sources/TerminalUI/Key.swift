/// A key the operator pressed, already decoded from terminal bytes (see `KeyDecoder`).
public enum Key: Hashable, Sendable {
    /// A printable grapheme typed by the operator.
    case character(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1...F12.
    case function(Int)
    /// Ctrl-A...Ctrl-Z as lowercase letters ("a"..."z"). Tab (^I), Enter (^M, ^J) and
    /// Backspace (^H, DEL) map to their own cases instead.
    case control(Character)
    /// Alt-b, Alt-f... (ESC followed quickly by a character).
    case alt(Character)
    /// The whole body of one bracketed paste (ESC[200~ ... ESC[201~); never split into keys.
    case paste(String)
}

extension Key: CustomStringConvertible {
    /// A short name for footers and help: "^S", "F2", "Enter", "S-Tab", "M-b", "?".
    public var displayName: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .insert: "Ins"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        case .control(let c): "^" + String(c).uppercased()
        case .alt(let c): "M-" + String(c)
        case .paste: "Paste"
        }
    }

    public var description: String {
        if case .paste(let body) = self { return "paste(\(body.count) chars)" }
        return displayName
    }
}
