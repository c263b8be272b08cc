/// The "?" screen: a centred box listing every binding of a `KeyMap` (all its keys, and the
/// long help text), so help can never drift from what the keys really do.
public enum HelpOverlay {
    /// Number of binding rows the overlay can show on a canvas of this size.
    public static func visibleRows(on size: Size, count: Int) -> Int {
        max(0, min(count, size.rows - 2))
    }

    /// Draws the overlay. `scroll` is the first binding shown when they do not all fit; a
    /// "more" marker on the bottom edge says so.
    public static func render<Action>(_ map: KeyMap<Action>, title: String = "Help", into canvas: Canvas,
                                      scroll: Int = 0) {
        let size = canvas.size
        let bindings = map.bindings
        guard size.cols >= 10, size.rows >= 3, !bindings.isEmpty else { return }
        let keyColumn = min(bindings.map { TextWidth.cells($0.keyNames) }.max() ?? 0, size.cols / 3)
        let helpColumn = bindings.map { TextWidth.cells($0.help) }.max() ?? 0
        let width = min(size.cols, max(TextWidth.cells(title) + 6, keyColumn + helpColumn + 6))
        let rows = visibleRows(on: size, count: bindings.count)
        let height = rows + 2
        let top = (size.rows - height) / 2
        let left = (size.cols - width) / 2
        Box.draw(into: canvas, row: top, col: left, width: width, height: height, role: .border,
                 title: title, titleRole: .dialogTitle, fill: .dialog)

        let first = min(max(0, scroll), bindings.count - rows)
        for (line, binding) in bindings[first..<first + rows].enumerated() {
            let row = top + 1 + line
            canvas.draw(binding.keyNames, row: row, col: left + 2, role: .key, width: keyColumn)
            let helpStart = left + 2 + keyColumn + 2
            canvas.draw(binding.help, row: row, col: helpStart, role: .dialog, width: left + width - 1 - helpStart)
        }
        if first + rows < bindings.count {
            let marker = canvas.asciiOnly ? " v more " : " ↓ more "
            canvas.draw(marker, row: top + height - 1, col: left + width - 1 - TextWidth.cells(marker) - 1,
                        role: .hint, width: nil)
        }
        if first > 0 {
            let marker = canvas.asciiOnly ? " ^ more " : " ↑ more "
            canvas.draw(marker, row: top, col: left + width - 1 - TextWidth.cells(marker) - 1, role: .hint, width: nil)
        }
    }
}
