import TerminalUI

/// A small pop-up list under a field (country completion, parent search): a few rows, one
/// highlighted, Up/Down to move, Enter or Tab to take.
struct SuggestionList: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var value: String
        var label: String
    }

    var items: [Item] = []
    var selected = 0
    static let maxRows = 5

    var isEmpty: Bool { items.isEmpty }
    var current: Item? { items.indices.contains(selected) ? items[selected] : nil }

    mutating func set(_ items: [Item]) {
        self.items = Array(items.prefix(Self.maxRows))
        selected = 0
    }

    mutating func move(by delta: Int) {
        guard !items.isEmpty else { return }
        selected = min(max(0, selected + delta), items.count - 1)
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
