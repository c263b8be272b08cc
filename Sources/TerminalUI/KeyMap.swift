/// One row of a screen's key table. The same table drives dispatch (`KeyMap.action(for:)`),
/// the footer hints (`Footer`) and the help overlay (`HelpOverlay`), so they cannot disagree.
public struct KeyBinding<Action> {
    /// Every key of the binding, and beside it (same index) the action it triggers. Most
    /// bindings give all their keys one action (Ctrl-S and F2 both save); one footer item can
    /// also give each key its own (↑ up, ↓ down), so no screen has to tell such keys apart
    /// before looking them up. Two arrays, not an array of pairs: a generic tuple's type is
    /// looked up at run time on every use, which showed in a keystroke's profile.
    public private(set) var keys: [Key]
    public private(set) var actions: [Action]
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
        keys = keyActions.map(\.0)
        actions = keyActions.map(\.1)
        self.label = label ?? keyActions.first?.0.displayName ?? ""
        self.footer = footer
        self.help = help
        self.showInFooter = showInFooter
        self.priority = priority
        self.isHelp = isHelp
    }

    /// The action of the binding's first key (the one all of them share, for most bindings).
    public var action: Action { actions[0] }

    /// What `key` does under this binding; nil when it is not one of its keys.
    public func action(for key: Key) -> Action? {
        keys.firstIndex(of: key).map { actions[$0] }
    }

    /// The same binding with each action mapped (a screen's actions into the app's).
    public func map<Other>(_ transform: (Action) -> Other) -> KeyBinding<Other> {
        KeyBinding<Other>(keys: keys, actions: actions.map(transform), label: label, footer: footer, help: help,
                          showInFooter: showInFooter, priority: priority, isHelp: isHelp)
    }

    /// Only the keys `keep` accepts (nil when none is left).
    func keeping(_ keep: (Key) -> Bool) -> KeyBinding? {
        let indices = keys.indices.filter { keep(keys[$0]) }
        guard !indices.isEmpty else { return nil }
        if indices.count == keys.count { return self }
        var kept = self
        kept.keys = indices.map { keys[$0] }
        kept.actions = indices.map { actions[$0] }
        return kept
    }

    private init(keys: [Key], actions: [Action], label: String, footer: String, help: String, showInFooter: Bool,
                 priority: Int, isHelp: Bool) {
        self.keys = keys
        self.actions = actions
        self.label = label
        self.footer = footer
        self.help = help
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
        binding(for: key)?.action(for: key)
    }

    /// The bindings without their actions: what a footer or a help needs.
    public var erased: KeyMap<Void> { KeyMap<Void>(bindings.map { $0.map { _ in () } }) }

    /// This map with `shared` after its own bindings; a key this map binds keeps its meaning.
    public func merging(_ shared: KeyMap<Action>) -> KeyMap<Action> {
        // A plain scan: a screen binds a few dozen keys, and this runs for every frame's footer.
        var merged = bindings
        for binding in shared.bindings {
            if let kept = binding.keeping({ key in !bindings.contains { $0.keys.contains(key) } }) { merged.append(kept) }
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
