import CustomerKit
import TerminalUI

/// The pair lists inside the form (metadata, integrations, tax rates): their keys, what they
/// do and how they are drawn. Each list has its own editor; the keys are the same for all.
extension CustomerFormScreen {
    /// Keys on the rows of a pair list.
    static let metadataKeys = KeyMap<Action>([
        KeyBinding([.enter], footer: "edit pair", help: "Edit the pair, or add one on the last row", action: .enter, priority: 7),
        KeyBinding([.delete], label: "Del", footer: "remove", help: "Remove the pair", action: .removePair, priority: 6),
        KeyBinding([.tab], footer: "next", help: "Next field", action: .next, priority: 5),
        KeyBinding([.backTab], label: "S-Tab", footer: "back", help: "Previous field", action: .previous, priority: 3),
        KeyBinding(each: [(.down, .chooseNext), (.up, .choosePrevious)], label: "↑↓", footer: "pairs", help: "Move between pairs",
                   priority: 4),
    ] + common)

    /// Keys while a pair is being edited.
    static let pairKeys = KeyMap<Action>([
        KeyBinding([.tab, .backTab], label: "Tab", footer: "key/value", help: "Switch between key and value", action: .toggleSide, priority: 7),
        KeyBinding([.enter], footer: "keep", help: "Keep this pair", action: .choose, priority: 8),
        KeyBinding([.escape], footer: "undo pair", help: "Leave the pair as it was", action: .cancel, priority: 6),
        KeyBinding([.control("s"), .function(2)], label: "^S", footer: "save", help: "Keep the pair and save", action: .save, priority: 5),
    ] + editingKeys)

    /// The focused pair list, if the focus is on one.
    var focusedList: PairList? {
        if case .pairs(let list) = focus { return list }
        return nil
    }

    /// A printable key on the "add a pair" row starts a new pair with it.
    mutating func typeOnPairRow(_ list: PairList, _ key: Key) {
        if self[keyPath: list.editor].isOnAddRow, case .character = key {
            self[keyPath: list.editor].beginEdit(width: fieldWidth / 2, firstKey: key)
        }
    }

    /// Enter in a pair being edited: keep it (or, on an empty new pair, move on through the form).
    mutating func keepPair(_ list: PairList) -> [ScreenCommand] {
        // Enter on a new pair with nothing typed: the operator is moving through the form.
        if self[keyPath: list.editor].isEditingEmptyNewPair {
            self[keyPath: list.editor].cancelEdit()
            return enterOnward()
        }
        if let problem = self[keyPath: list.editor].commit() { notice = (problem, true) }
        return []
    }

    /// ↑/↓ on a list's rows; past the first or the last row the focus leaves the editor.
    mutating func stepPairRow(_ list: PairList, by delta: Int) -> [ScreenCommand] {
        let row = self[keyPath: list.editor].row + delta
        if row < 0 { return moveFocus(by: -1) }
        if row >= self[keyPath: list.editor].rowCount { return moveFocus(by: 1) }
        self[keyPath: list.editor].row = row
        return []
    }

    func renderPairs(_ list: PairList, top: Int, rows: Int, fieldCol: Int, into canvas: Canvas) {
        renderLabel(list.title, row: top, focused: false, into: canvas)
        if list == .integrations, let text = integrationsLines(rows: rows) {
            for (line, (value, role)) in text.prefix(rows).enumerated() {
                canvas.draw(value, row: top + line, col: fieldCol, role: role, width: area.col + area.width - fieldCol - 1)
            }
            return
        }
        let editor = self[keyPath: list.editor]
        let first = max(0, editor.row - rows + 1)
        editor.render(into: canvas, top: top, col: fieldCol, width: fieldWidth, rows: rows, first: first,
                      focused: focus == .pairs(list))
        let shown = min(editor.rowCount - first, rows)
        if editor.rowCount > shown {
            canvas.draw("\(editor.pairs.count) pairs", row: top, col: fieldCol + fieldWidth + 1, role: .hint, width: 12)
        }
    }

    /// The integrations rows when they are not an editor: loading, read-only (with the reason),
    /// or the backend's failure. Nil: the editor.
    private func integrationsLines(rows: Int) -> [(String, Role)]? {
        switch integrationsState {
        case .editable: return nil
        case .loading: return [("…", .muted)]
        case .failed(let message): return [("could not be read: \(message)", .error)]
        case .readOnly(let mappings):
            let reason = ("(\(IntegrationsState.readOnlyReason))", Role.muted)
            let pairs = mappings.map { ("\($0.providerType ?? "?") = \($0.providerEntityID ?? "")", Role.text) }
            if pairs.isEmpty { return [("(none) " + reason.0, .muted)] }
            if rows <= 1 { return [(pairs.map(\.0).joined(separator: ", ") + " " + reason.0, .text)] }
            // The reason always shows: on the last row there is, after as many mappings as fit.
            return Array(pairs.prefix(max(0, rows - 1))) + [reason]
        }
    }
}
