/// One row of a screen's key table. The same table drives dispatch (`KeyMap.action(for:)`),
/// the footer hints (`Footer`) and the help overlay (`HelpOverlay`), so they cannot disagree.
public struct KeyBinding<Action> {
    /// Every key of the binding with the action it triggers. Most bindings give all their keys
    /// one action (Ctrl-S and F2 both save); one footer item can also give each key its own
    /// (↑ up, ↓ down), so no screen has to tell such keys apart before looking them up.
    public var keyActions: [(key: Key, action: Action)]
    /// Short key label shown in the footer, e.g. "^S".
    public var label: String
    /// Short footer text, e.g. "save".
    public var footer: String
    /// Longer text for the help overlay.
    public var help: String
    public var showInFooter: Bool
    /// Footer items with lower priority are dropped first when the footer is too narrow;
    /// among equals, later rows in the table go first.
    public var priority: Int
    /// Marks the binding that opens help; the footer always puts it last and keeps it longest.
    public var isHelp: Bool

    /// Every key in `keys` triggers `action`.
    public init(_ keys: [Key], label: String? = nil, footer: String, help: String, action: Action,
                showInFooter: Bool = true, priority: Int = 0, isHelp: Bool = false) {
        self.init(each: keys.map { ($0, action) }, label: label, footer: footer, help: help,
                  showInFooter: showInFooter, priority: priority, isHelp: isHelp)
    }

    /// Each key triggers its own action, under one footer item and one help line.
    public init(each keyActions: [(Key, Action)], label: String? = nil, footer: String, help: String,
                showInFooter: Bool = true, priority: Int = 0, isHelp: Bool = false) {
        self.keyActions = keyActions.map { (key: $0.0, action: $0.1) }
        self.label = label ?? keyActions.first?.0.displayName ?? ""
        self.footer = footer
        self.help = help
        self.showInFooter = showInFooter
        self.priority = priority
        self.isHelp = isHelp
    }

    public var keys: [Key] { keyActions.map(\.key) }

    /// The action of the binding's first key (the one all of them share, for most bindings).
    public var action: Action { keyActions[0].action }

    /// What `key` does under this binding; nil when it is not one of its keys.
    public func action(for key: Key) -> Action? {
        keyActions.first { $0.key == key }?.action
    }

    /// The same binding with each action mapped (a screen's actions into the app's).
    public func map<Other>(_ transform: (Action) -> Other) -> KeyBinding<Other> {
        KeyBinding<Other>(each: keyActions.map { ($0.key, transform($0.action)) }, label: label, footer: footer, help: help,
                          showInFooter: showInFooter, priority: priority, isHelp: isHelp)
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
        binding(for: key)?.action(for: key)
    }

    /// The bindings without their actions: what a footer or a help needs.
    public var erased: KeyMap<Void> { KeyMap<Void>(bindings.map { $0.map { _ in () } }) }

    /// This map with `shared` after its own bindings; a key this map binds keeps its meaning.
    public func merging(_ shared: KeyMap<Action>) -> KeyMap<Action> {
        let own = Set(bindings.flatMap(\.keys))
        var merged = bindings
        for binding in shared.bindings {
            let keyActions = binding.keyActions.filter { !own.contains($0.key) }
            guard !keyActions.isEmpty else { continue }
            var kept = binding
            kept.keyActions = keyActions
            merged.append(kept)
        }
        return KeyMap(merged)
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
