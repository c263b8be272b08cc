/// One row of a screen's key table. The same table drives dispatch (`KeyMap.action(for:)`),
/// the footer hints (`Footer`) and the help overlay (`HelpOverlay`), so they cannot disagree.
public struct KeyBinding<Action> {
    /// Every key that triggers the action (e.g. Ctrl-S and F2 for save).
    public var keys: [Key]
    /// Short key label shown in the footer, e.g. "^S".
    public var label: String
    /// Short footer text, e.g. "save".
    public var footer: String
    /// Longer text for the help overlay.
    public var help: String
    public var action: Action
    public var showInFooter: Bool
    /// Footer items with lower priority are dropped first when the footer is too narrow;
    /// among equals, later rows in the table go first.
    public var priority: Int
    /// Marks the binding that opens help; the footer always puts it last and keeps it longest.
    public var isHelp: Bool

    public init(_ keys: [Key], label: String? = nil, footer: String, help: String, action: Action,
                showInFooter: Bool = true, priority: Int = 0, isHelp: Bool = false) {
        self.keys = keys
        self.label = label ?? keys.first?.displayName ?? ""
        self.footer = footer
        self.help = help
        self.action = action
        self.showInFooter = showInFooter
        self.priority = priority
        self.isHelp = isHelp
    }

    /// All keys as shown in help: "^S, F2".
    public var keyNames: String { keys.map(\.displayName).joined(separator: ", ") }
}

/// A screen's key table. Earlier bindings win when two list the same key.
public struct KeyMap<Action> {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    public func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { $0.keys.contains(key) }
    }

    public func action(for key: Key) -> Action? {
        binding(for: key)?.action
    }

    /// The help binding: one marked `isHelp`, else one bound to "?" or F1.
    public var helpBinding: KeyBinding<Action>? {
        helpBindingIndex.map { bindings[$0] }
    }

    var helpBindingIndex: Int? {
        bindings.firstIndex(where: \.isHelp)
            ?? bindings.firstIndex { $0.keys.contains(.character("?")) || $0.keys.contains(.function(1)) }
    }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension KeyMap: Sendable where Action: Sendable {}
