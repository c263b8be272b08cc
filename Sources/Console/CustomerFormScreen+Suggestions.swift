import CustomerKit
import TerminalUI

/// The suggestions under a field (countries as they are typed, parent customers as they are
/// found): their keys, taking one, and drawing the list.
extension CustomerFormScreen {
    /// What works whenever suggestions are open, highlighted or not.
    private static let suggestionCommon: [KeyBinding<Action>] = [
        KeyBinding([.escape], footer: "close", help: "Close the suggestions", action: .cancel, priority: 7),
        KeyBinding([.control("s"), .function(2)], label: "^S", footer: "save", help: "Save", action: .save, priority: 5),
    ] + editingKeys

    /// Keys while suggestions are open but none is highlighted: Enter and Tab keep what was typed.
    static let suggestionBrowseKeys = KeyMap<Action>([
        KeyBinding(each: [(.down, .chooseNext), (.up, .choosePrevious)], label: "↑↓", footer: "pick one",
                   help: "Highlight a suggestion (↓ from the field)", priority: 8),
        KeyBinding([.enter, .tab], label: "Enter", footer: "keep typed", help: "Keep what you typed and go on (nothing was picked)", action: .choose, priority: 7),
    ] + suggestionCommon)

    /// Keys while suggestions (countries, parent customers) are open and one is highlighted.
    static let suggestionKeys = KeyMap<Action>([
        KeyBinding(each: [(.down, .chooseNext), (.up, .choosePrevious)], label: "↑↓", footer: "choose",
                   help: "Move between suggestions", priority: 6),
        KeyBinding([.enter, .tab], label: "Enter", footer: "take", help: "Take the highlighted suggestion", action: .choose, priority: 8),
    ] + suggestionCommon)

    /// Enter or Tab with suggestions open: the highlighted one is taken; with none highlighted,
    /// what was typed stays and the form moves on.
    mutating func takeSuggestion() -> [ScreenCommand] {
        guard let item = suggestions.current else { return moveFocus(by: 1) }
        suggestions.close()
        switch focus {
        case .text(let index):
            fields[index].input.setText(item.value)
            fields[index].edited()
            return moveFocus(by: 1)
        case .parent:
            choose(parent: item)
            return []
        case .pairs:
            return []
        }
    }

    mutating func updateCountrySuggestions() {
        guard case .text(let index) = focus else { return }
        let text = fields[index].text
        if text.isEmpty {
            suggestions.close()
            return
        }
        let found = CountryRule.suggestions(for: text, limit: SuggestionList.maxRows)
        // Typed text never silently becomes another country: only a sure first suggestion is
        // highlighted (and so taken by Tab or Enter); any other needs the operator to pick it.
        suggestions.set(found.map { SuggestionList.Item(value: $0.code, label: $0.label) },
                        highlightFirst: found.first?.isSure == true)
    }

    func renderSuggestions(layout: Layout, fieldCol: Int, into canvas: Canvas) {
        guard !suggestions.isEmpty else { return }
        let height = suggestions.items.count + 2
        // As wide as the longest label needs (the name it was found by included), up to the edge.
        let wanted = (suggestions.items.map { TextWidth.cells($0.label) }.max() ?? 0) + 4
        let width = max(min(fieldWidth, 36), min(wanted, area.col + area.width - fieldCol - 1))
        let anchor: Int
        switch focus {
        case .text(let index): anchor = layout.firstField + index + 1
        case .parent: anchor = (layout.parentRow ?? layout.noticeRow) - height
        case .pairs: return
        }
        let row = min(anchor, area.bottom - height)
        suggestions.render(into: canvas, row: row, col: fieldCol, width: width)
    }
}
