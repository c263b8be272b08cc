/// The one-line key hint bar ("^S save  Esc back  ? help"), laid out from a `KeyMap`.
public enum Footer {
    public struct Item: Equatable, Sendable {
        public var label: String
        public var text: String
        public var cells: Int { TextWidth.cells(label) + 1 + TextWidth.cells(text) }
    }

    /// Space between items.
    public static let separator = 2

    /// The items that fit in `width` cells, in table order with the help item last. The
    /// lowest-priority items are dropped first; the help hint is dropped only if nothing else
    /// is left and it still does not fit.
    public static func layout<Action>(_ map: KeyMap<Action>, width: Int) -> [Item] {
        let help = map.helpBinding
        let helpIndex = map.helpBindingIndex
        var candidates: [(item: Item, priority: Int, order: Int)] = []
        for (order, binding) in map.bindings.enumerated() where binding.showInFooter && order != helpIndex {
            candidates.append((Item(label: binding.label, text: binding.footer), binding.priority, order))
        }
        let helpItem = help.map { Item(label: $0.label, text: $0.footer.isEmpty ? "help" : $0.footer) }

        func totalCells(_ items: [Item]) -> Int {
            items.reduce(0) { $0 + $1.cells } + max(0, items.count - 1) * separator
        }
        func current() -> [Item] { candidates.map(\.item) + (helpItem.map { [$0] } ?? []) }

        while !candidates.isEmpty && totalCells(current()) > width {
            // Lowest priority first; among equals the one furthest down the table.
            let victim = candidates.indices.min { a, b in
                (candidates[a].priority, -candidates[a].order) < (candidates[b].priority, -candidates[b].order)
            }!
            candidates.remove(at: victim)
        }
        let items = current()
        return totalCells(items) <= width ? items : []
    }

    /// Draws the footer on `row`: labels in `labelRole`, texts in `textRole`, the rest of the
    /// row blanked in `textRole`. Returns the items drawn.
    @discardableResult
    public static func render<Action>(_ map: KeyMap<Action>, into canvas: Canvas, row: Int, width: Int,
                                      col: Int = 0, labelRole: Role = .key,
                                      textRole: Role = .statusBar) -> [Item] {
        let items = layout(map, width: width)
        canvas.fill(row: row, col: col, width: width, role: textRole)
        var position = col
        for (index, item) in items.enumerated() {
            if index > 0 { position += separator }
            position += canvas.draw(item.label, row: row, col: position, role: labelRole,
                                    width: col + width - position)
            position += 1
            position += canvas.draw(item.text, row: row, col: position, role: textRole,
                                    width: col + width - position)
        }
        return items
    }
}
