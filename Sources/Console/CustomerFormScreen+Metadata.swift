import CustomerKit
import TerminalUI

/// The metadata editor inside the form: its keys, what they do and how it is drawn.
extension CustomerFormScreen {
    /// Keys on the metadata rows.
    static let metadataKeys = KeyMap<Action>([
        KeyBinding([.enter], footer: "edit pair", help: "Edit the pair, or add one on the last row", action: .enter, priority: 7),
        KeyBinding([.delete], label: "Del", footer: "remove", help: "Remove the pair", action: .removePair, priority: 6),
        KeyBinding([.tab], footer: "next", help: "Next field", action: .next, priority: 5),
        KeyBinding([.backTab], label: "S-Tab", footer: "back", help: "Previous field", action: .previous, priority: 3),
        KeyBinding(each: [(.down, .chooseNext), (.up, .choosePrevious)], label: "↑↓", footer: "pairs", help: "Move between pairs",
                   priority: 4),
    ] + common)

    /// Keys while a metadata pair is being edited.
    static let pairKeys = KeyMap<Action>([
        KeyBinding([.tab, .backTab], label: "Tab", footer: "key/value", help: "Switch between key and value", action: .toggleSide, priority: 7),
        KeyBinding([.enter], footer: "keep", help: "Keep this pair", action: .choose, priority: 8),
        KeyBinding([.escape], footer: "undo pair", help: "Leave the pair as it was", action: .cancel, priority: 6),
        KeyBinding([.control("s"), .function(2)], label: "^S", footer: "save", help: "Keep the pair and save", action: .save, priority: 5),
    ] + editingKeys)

    /// A printable key on the "add a pair" row starts a new pair with it.
    mutating func typeOnMetadataRow(_ key: Key) {
        if metadata.isOnAddRow, case .character = key {
            metadata.beginEdit(width: fieldWidth / 2, firstKey: key)
        }
    }

    /// Enter in a pair being edited: keep it (or, on an empty new pair, move on through the form).
    mutating func keepPair() -> [ScreenCommand] {
        // Enter on a new pair with nothing typed: the operator is moving through the form.
        if metadata.isEditingEmptyNewPair {
            metadata.cancelEdit()
            return enterOnward()
        }
        if let problem = metadata.commit() { notice = (problem, true) }
        return []
    }

    /// ↑/↓ on the metadata rows; past the first or the last row the focus leaves the editor.
    mutating func stepMetadataRow(by delta: Int) -> [ScreenCommand] {
        let row = metadata.row + delta
        if row < 0 { return moveFocus(by: -1) }
        if row >= metadata.rowCount { return moveFocus(by: 1) }
        metadata.row = row
        return []
    }

    func renderMetadata(layout: Layout, fieldCol: Int, into canvas: Canvas) {
        let focused = focus == .metadata
        renderLabel("Metadata", row: layout.metadataTop, focused: false, into: canvas)
        let first = max(0, metadata.row - layout.metadataRows + 1)
        metadata.render(into: canvas, top: layout.metadataTop, col: fieldCol, width: fieldWidth,
                        rows: layout.metadataRows, first: first, focused: focused)
        let shown = min(metadata.rowCount - first, layout.metadataRows)
        if metadata.rowCount > shown {
            canvas.draw("\(metadata.pairs.count) pairs", row: layout.metadataTop, col: fieldCol + fieldWidth + 1,
                        role: .hint, width: 12)
        }
    }
}
