import CustomerKit
import TerminalUI

/// The metadata key/value editor: the whole map is always on screen (metadata is replaced
/// whole on update, so the operator sees exactly what will be sent). Rows are the pairs plus
/// an "add" row; Enter edits a row in place, Del removes it.
struct MetadataEditor: Sendable {
    /// Which list this edits (its names in messages and on the add row).
    var list: PairList = .metadata
    private(set) var pairs: [CustomerDraft.Pair]
    /// The row with focus: 0..<pairs.count, or pairs.count for the "add pair" row.
    var row = 0
    /// A pair being edited in place.
    private(set) var editing: Editing?

    struct Editing: Sendable {
        var index: Int
        var isNew: Bool
        var key: TextFieldState
        var value: TextFieldState
        var onValue = false
    }

    init(pairs: [CustomerDraft.Pair], list: PairList = .metadata) {
        self.pairs = pairs
        self.list = list
    }

    /// The list replaced (the backend's mappings arriving); a pair being edited is kept.
    mutating func replace(with newPairs: [CustomerDraft.Pair]) {
        pairs = newPairs
        row = min(row, pairs.count)
    }

    /// The pairs with the one being edited as it stands, even half typed: what a draft keeps,
    /// since everything typed counts as typed. A new pair with nothing in it yet is left out.
    var pairsAsTyped: [CustomerDraft.Pair] {
        guard let edit = editing else { return pairs }
        let pair = CustomerDraft.Pair(key: edit.key.text, value: edit.value.text)
        var all = pairs
        if edit.isNew {
            if !pair.key.isEmpty || !pair.value.isEmpty { all.append(pair) }
        } else if all.indices.contains(edit.index) {
            all[edit.index] = pair
        }
        return all
    }

    /// A pair opened on the add row with nothing typed into it yet.
    var isEditingEmptyNewPair: Bool {
        guard let edit = editing else { return false }
        return edit.isNew && edit.key.text.isEmpty && edit.value.text.isEmpty
    }

    var rowCount: Int { pairs.count + 1 }
    var isOnAddRow: Bool { row == pairs.count }

    mutating func beginEdit(width: Int, firstKey: Key? = nil) {
        let isNew = isOnAddRow
        let pair = isNew ? CustomerDraft.Pair(key: "", value: "") : pairs[row]
        var edit = Editing(index: row, isNew: isNew, key: TextFieldState(text: pair.key, displayWidth: width),
                           value: TextFieldState(text: pair.value, displayWidth: width))
        if let firstKey { _ = edit.key.handle(firstKey) }
        editing = edit
    }

    /// Tab inside a pair: between key and value.
    mutating func toggleSide() {
        editing?.onValue.toggle()
    }

    /// Enter: keep the pair (an empty key is refused with a message).
    mutating func commit() -> String? {
        guard let edit = editing else { return nil }
        let key = edit.key.text
        guard !key.isEmpty else { return "A \(list.keyName) cannot be empty." }
        if pairs.enumerated().contains(where: { $0.offset != edit.index && $0.element.key == key }) {
            return "\(list.title) already has the \(list.keyName) \"\(key)\"."
        }
        let pair = CustomerDraft.Pair(key: key, value: edit.value.text)
        if edit.isNew { pairs.append(pair) } else { pairs[edit.index] = pair }
        editing = nil
        row = min(edit.index + (edit.isNew ? 1 : 0), pairs.count)
        return nil
    }

    mutating func cancelEdit() { editing = nil }

    mutating func removeCurrent() {
        guard !isOnAddRow else { return }
        pairs.remove(at: row)
        row = min(row, pairs.count)
    }

    /// Keys typed while a pair is being edited.
    mutating func type(_ key: Key) {
        guard var edit = editing else { return }
        if edit.onValue { _ = edit.value.handle(key) } else { _ = edit.key.handle(key) }
        editing = edit
    }

    /// Draws rows from `first`; returns nothing. The focused row is marked when `focused`.
    func render(into canvas: Canvas, top: Int, col: Int, width: Int, rows: Int, first: Int, focused: Bool) {
        let keyWidth = max(8, (width - 3) / 3)
        let valueWidth = max(8, width - keyWidth - 3)
        for line in 0..<rows {
            let index = first + line
            guard index < rowCount else { break }
            let y = top + line
            if focused && index == row { canvas.draw("▸", row: y, col: col - 2, role: .label, width: 1) }
            if let edit = editing, edit.index == index {
                edit.key.render(into: canvas, row: y, col: col, width: keyWidth, role: .fieldFocused, focused: !edit.onValue)
                canvas.draw("=", row: y, col: col + keyWidth + 1, role: .muted, width: 1)
                edit.value.render(into: canvas, row: y, col: col + keyWidth + 3, width: valueWidth,
                                  role: .fieldFocused, focused: edit.onValue)
            } else if index == pairs.count {
                canvas.draw((pairs.isEmpty ? "(none) " : "+ ") + list.addHint, row: y, col: col, role: .muted, width: width)
            } else {
                let pair = pairs[index]
                canvas.draw(pair.key, row: y, col: col, role: .field, width: keyWidth)
                canvas.draw("=", row: y, col: col + keyWidth + 1, role: .muted, width: 1)
                canvas.draw(pair.value, row: y, col: col + keyWidth + 3, role: .field, width: valueWidth)
            }
        }
    }
}
