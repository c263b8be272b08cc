import CustomerKit
import TerminalUI

extension CustomerListScreen {
    public func render(into canvas: Canvas, area: Area) {
        renderToolbar(into: canvas, area: area)
        let columns = ListColumns(width: area.width)
        columns.renderHeader(into: canvas, row: area.row + 1, col: area.col)
        let firstRow = area.row + 2
        if total == 0, !cache.isLoading {
            renderEmpty(into: canvas, row: firstRow + 1, area: area)
            return
        }
        // Until the first answer there is nothing to draw but the "Loading…" in the toolbar.
        guard let total else { return }
        for line in 0..<visibleRows {
            let index = top + line
            if index >= total { break }
            let row = firstRow + line
            let isSelected = index == selected
            if let customer = cache[index] {
                columns.render(customer, into: canvas, row: row, col: area.col, selected: isSelected)
            } else {
                canvas.draw("…", row: row, col: area.col + 1, role: isSelected ? .selection : .muted, width: 1)
            }
        }
    }

    private func renderToolbar(into canvas: Canvas, area: Area) {
        let row = area.row
        canvas.draw("/ Search:", row: row, col: area.col + 1, role: searching ? .label : .muted, width: 10)
        if searching {
            InputField.render(search, row: row, col: area.col + 12, width: search.displayWidth, focused: true,
                              into: canvas)
        } else {
            let shown = search.text.isEmpty ? "(type / to search)" : search.text
            canvas.draw(shown, row: row, col: area.col + 12, role: search.text.isEmpty ? .muted : .field,
                        width: search.displayWidth)
        }
        let count: String
        if let total {
            count = status == .archived ? "\(total) archived" : "\(total) customer\(total == 1 ? "" : "s")"
        } else {
            count = "Loading…"
        }
        let tabs = status == .archived ? "published [archived]" : "[published] archived"
        let right = "\(count)  \(tabs)"
        let width = TextWidth.cells(right)
        canvas.draw(right, row: row, col: area.col + area.width - width - 1, role: .hint, width: width)
    }

    private func renderEmpty(into canvas: Canvas, row: Int, area: Area) {
        let text: String
        if !search.text.isEmpty {
            text = "No customers match “\(search.text)”. Press Esc to clear the search."
        } else if status == .archived {
            text = "No deleted customers. Press a to go back to the published ones."
        } else {
            text = "No customers yet. Press n to create the first one."
        }
        canvas.draw(text, row: row, col: area.col + 2, role: .hint, width: area.width - 4)
    }

    public func renderFooter(into canvas: Canvas, row: Int, width: Int) {
        Footer.render(searching ? Self.searchKeys : currentListKeys, into: canvas, row: row, width: width)
    }

    public var help: HelpOverlay.Content {
        let groups = [("In the list", Self.listKeys, [String]()),
                      ("While typing a search (after /)", Self.searchKeys, ["Type to search name, email and external id."])]
        return HelpOverlay.Content(title: "Customer list keys",
                                   lines: HelpOverlay.lines(sections: searching ? groups.reversed() : groups))
    }
}

/// Column layout of the list: fixed country and date columns, the rest shared out.
struct ListColumns {
    let name: Int, externalID: Int, email: Int, country: Int, created: Int

    init(width: Int) {
        country = 7
        created = 10
        // One space before the first column and between columns.
        let rest = max(12, width - country - created - 5)
        name = rest * 35 / 100
        externalID = rest * 25 / 100
        email = rest - name - externalID
    }

    func renderHeader(into canvas: Canvas, row: Int, col: Int) {
        cells(["NAME", "EXTERNAL ID", "EMAIL", "COUNTRY", "CREATED"], into: canvas, row: row, col: col, role: .header)
    }

    func render(_ c: Customer, into canvas: Canvas, row: Int, col: Int, selected: Bool) {
        let date = String(c.createdAt.text.prefix(10))
        cells([c.name, c.externalID, c.email, c.addressCountry, date], into: canvas, row: row, col: col,
              role: selected ? .selection : .text)
    }

    private func cells(_ values: [String], into canvas: Canvas, row: Int, col: Int, role: Role) {
        let widths = [name, externalID, email, country, created]
        canvas.fill(row: row, col: col, width: widths.reduce(0, +) + widths.count, role: role)
        var x = col + 1
        for (value, width) in zip(values, widths) {
            canvas.draw(value, row: row, col: x, role: role, width: width)
            x += width + 1
        }
    }
}
