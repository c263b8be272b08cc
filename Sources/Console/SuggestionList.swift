import TerminalUI

/// A small pop-up list under a field (country completion, parent search): a few rows, at most
/// one highlighted, Up/Down to move, Enter or Tab to take the highlighted one.
struct SuggestionList: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var value: String
        var label: String
    }

    var items: [Item] = []
    /// The highlighted row, which Enter and Tab take; nil when nothing is highlighted yet (the
    /// first suggestion is not certainly what was meant, so taking one needs a choice: ↓).
    var selected: Int?
    static let maxRows = 5

    var isEmpty: Bool { items.isEmpty }
    var current: Item? { selected.flatMap { items.indices.contains($0) ? items[$0] : nil } }

    /// Shows `items`; `highlightFirst` when the first one may be taken without a choice.
    mutating func set(_ items: [Item], highlightFirst: Bool) {
        self.items = Array(items.prefix(Self.maxRows))
        selected = highlightFirst && !self.items.isEmpty ? 0 : nil
    }

    mutating func move(by delta: Int) {
        guard !items.isEmpty else { return }
        guard let selected else {
            self.selected = delta > 0 ? 0 : nil
            return
        }
        // Up from the first row goes back to "nothing chosen" when nothing was chosen at first.
        self.selected = selected + delta < 0 ? nil : min(selected + delta, items.count - 1)
    }

    mutating func close() { items = [] }

    func render(into canvas: Canvas, row: Int, col: Int, width: Int) {
        guard !items.isEmpty else { return }
        Box.draw(into: canvas, row: row, col: col, width: width, height: items.count + 2, role: .border,
                 fill: .dialog)
        for (index, item) in items.enumerated() {
            let role: Role = index == selected ? .selection : .dialog
            canvas.fill(row: row + 1 + index, col: col + 1, width: width - 2, role: role)
            canvas.draw(item.label, row: row + 1 + index, col: col + 2, role: role, width: width - 4)
        }
    }
}
