import CustomerKit
import TerminalUI

extension CustomerFormScreen {
    enum Action: Sendable, Equatable {
        case next, previous, enter, save, saveAndNew, cancel, edit
        case removePair, toggleSide, choose, chooseNext, choosePrevious
    }

    static let common: [KeyBinding<Action>] = [
        KeyBinding([.control("s"), .function(2)], label: "^S", footer: "save", help: "Save from any field (F2 too)", action: .save, priority: 9),
        KeyBinding([.escape], footer: "cancel", help: "Cancel; asks before throwing typed text away", action: .cancel, priority: 8),
        KeyBinding([.control("n"), .function(3)], label: "^N", footer: "save+new",
                   help: "Save, then start the next new customer at once (F3 too)", action: .saveAndNew, priority: 4),
    ]

    /// Keys in a text field. The editing keys are listed so help shows them; they go to the field.
    static let fieldKeys = KeyMap<Action>([
        KeyBinding([.tab, .down], label: "Tab", footer: "next", help: "Next field (Down too)", action: .next, priority: 7),
        KeyBinding([.backTab, .up], label: "S-Tab", footer: "back", help: "Previous field (Up too)", action: .previous, priority: 5),
        KeyBinding([.enter], footer: "next/save", help: "Next field; saves on the last one", action: .enter, priority: 6),
    ] + common + editingKeys)

    static let editingKeys: [KeyBinding<Action>] = [
        KeyBinding([.left, .right], footer: "", help: "Move the cursor in the field", action: .edit, showInFooter: false),
        KeyBinding([.home, .end, .control("a"), .control("e")], footer: "", help: "Start or end of the field (Home/End, ^A/^E)", action: .edit, showInFooter: false),
        KeyBinding([.alt("b"), .alt("f")], footer: "", help: "Word left / word right", action: .edit, showInFooter: false),
        KeyBinding([.backspace, .delete], footer: "", help: "Delete before / at the cursor", action: .edit, showInFooter: false),
        KeyBinding([.control("k"), .control("u"), .control("w")], footer: "", help: "Delete to end / to start / the word before", action: .edit, showInFooter: false),
        KeyBinding([.paste("")], label: "paste", footer: "", help: "Pasted text is inserted, never submitted", action: .edit, showInFooter: false),
    ]

    /// Help lists every key the form knows, grouped by what the operator is doing; a key that
    /// means something else in another mode is listed under that mode.
    static var helpLines: [HelpOverlay.Line] {
        HelpOverlay.lines(sections: [
            ("Anywhere in the form", KeyMap(common).erased, []),
            ("Moving between fields", fieldKeys.erased, []),
            ("Editing text in a field", KeyMap(editingKeys).erased, []),
            ("Country and parent suggestions", suggestionKeys.erased,
             ["Country: type a code (GB) or a name (germ, Holland, USA) to get suggestions.",
              "Only a suggestion that is certainly what you typed is highlighted at once."]),
            ("Suggestions with none highlighted", suggestionBrowseKeys.erased, []),
            ("On the metadata, integrations and tax rate rows", metadataKeys.erased,
             ["Integrations: provider = its customer id (stripe = cus_123), where the backend keeps them.",
              "Tax rates (new customers): tax rate code = currency (GST18 = inr)."]),
            ("Editing a pair", pairKeys.erased, []),
            ("Parent customer", parentKeys.erased, ["Type part of a name, email or external id to search."]),
            ("When someone else saved first", conflictKeys.erased, []),
        ])
    }

    /// Which of the form's key maps applies (the conflict box has its own: `currentConflictKeys`).
    enum KeyMode: CaseIterable {
        case field, metadata, pair, suggestions, suggestionsNoneHighlighted
    }

    var keyMode: KeyMode {
        if editingList != nil { return .pair }
        if !suggestions.isEmpty { return suggestions.current == nil ? .suggestionsNoneHighlighted : .suggestions }
        if focusedList != nil { return .metadata }
        return .field
    }

    static func keys(for mode: KeyMode) -> KeyMap<Action> {
        switch mode {
        case .field: fieldKeys
        case .metadata: metadataKeys
        case .pair: pairKeys
        case .suggestions: suggestionKeys
        case .suggestionsNoneHighlighted: suggestionBrowseKeys
        }
    }

    /// The form's keys now.
    var currentKeys: KeyMap<Action> { Self.keys(for: keyMode) }

    /// `currentKeys` for the footer, erased once per map rather than at every keystroke's frame.
    var footerKeys: KeyMap<Void> {
        if conflict != nil { return conflictHints }
        return Self.hints[keyMode]!
    }

    private static let hints = Dictionary(uniqueKeysWithValues: KeyMode.allCases.map { ($0, keys(for: $0).erased) })
}
