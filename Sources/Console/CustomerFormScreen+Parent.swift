import CustomerKit
import TerminalUI

/// The parent customer field: found by typing part of a name, email or external id; its keys,
/// its searches and their answers, and its row.
extension CustomerFormScreen {
    /// Keys of the parent customer field (help only: typing and Backspace go to the field).
    static let parentKeys = KeyMap<Action>([
        KeyBinding([.backspace], label: "Bksp", footer: "clear", help: "Clear the chosen parent (with the search empty)", action: .edit),
        KeyBinding([.enter], footer: "save", help: "Save (the parent is the last field)", action: .enter),
    ])

    /// Asks for the chosen parent by id, to show it by name rather than by id once known.
    mutating func loadParentLabel() -> [ScreenCommand] {
        guard supportsParents, !parentID.isEmpty else { return [] }
        return [requests.ask(.loadCustomer(id: parentID), as: .parent)]
    }

    /// A key in the parent field: Backspace on an empty search clears the chosen parent; other
    /// typing searches (each keystroke's search supersedes the one before).
    mutating func typeInParent(_ key: Key) -> [ScreenCommand] {
        let before = parentInput.text
        if parentInput.text.isEmpty, key == .backspace || key == .delete, !parentID.isEmpty {
            parentID = ""
            parentLabel = ""
            return []
        }
        _ = parentInput.handle(key)
        guard parentInput.text != before else { return [] }
        // Candidates for what was typed before are not wanted any more.
        requests.supersede(.parentSearch)
        if parentInput.text.isEmpty {
            suggestions.close()
            return []
        }
        return [requests.ask(.searchParents(text: parentInput.text), as: .parentSearch)]
    }

    /// The customers found for what is typed, as suggestions (while the parent field has focus).
    mutating func showParentCandidates(_ page: CustomerPage) {
        guard focus == .parent else { return }
        let selfID: String? = if case .edit(let c) = mode { c.id } else { nil }
        // One level only: a customer that has a parent cannot be one.
        let candidates = page.items.filter { $0.id != selfID && ($0.parentCustomerID ?? "").isEmpty }
        // Every candidate matched what was typed, so the first one may be taken with Enter.
        suggestions.set(candidates.map { .init(value: $0.id, label: Self.parentLabel($0)) }, highlightFirst: true)
        if candidates.isEmpty { notice = ("No customer matches “\(parentInput.text)”.", false) }
    }

    mutating func choose(parent item: SuggestionList.Item) {
        parentID = item.value
        parentLabel = item.label
        parentInput.setText("")
    }

    static func parentLabel(_ c: Customer) -> String {
        "\(c.externalID) · \(c.name.isEmpty ? "(no name)" : c.name)"
    }

    func renderParent(row: Int, fieldCol: Int, into canvas: Canvas) {
        let focused = focus == .parent
        renderLabel("Parent customer", row: row, focused: focused, into: canvas)
        if !parentInput.text.isEmpty || (focused && parentID.isEmpty) {
            InputField.render(parentInput, row: row, col: fieldCol, width: fieldWidth, focused: focused, into: canvas)
            if parentInput.text.isEmpty {
                canvas.draw("type to search", row: row, col: fieldCol, role: .muted, width: fieldWidth)
            }
        } else {
            canvas.draw(parentID.isEmpty ? "(none)" : parentLabel, row: row, col: fieldCol,
                        role: parentID.isEmpty ? .muted : .field, width: fieldWidth)
            if focused {
                canvas.draw(parentID.isEmpty ? "" : "Bksp clears", row: row, col: fieldCol + fieldWidth + 1,
                            role: .hint, width: 12)
                canvas.cursor = (row, fieldCol)
            }
        }
    }
}
