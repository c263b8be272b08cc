import CustomerKit
import TerminalUI

extension CustomerListScreen {
    public func render(into canvas: Canvas, area: Area) {
        renderToolbar(into: canvas, area: area)
        let columns = ListColumns(width: area.width, order: order)
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
        if let goingTo {
            canvas.draw("g Go to:", row: row, col: area.col + 1, role: .label, width: 10)
            InputField.render(goingTo, row: row, col: area.col + 12, width: goingTo.displayWidth, focused: true, into: canvas)
            let hint = "id (cust_…) or external id"
            let col = area.col + 13 + goingTo.displayWidth
            canvas.draw(hint, row: row, col: col, role: .hint, width: max(0, area.col + area.width - col - 1))
            return
        }
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
        var tabs = status == .archived ? "published [archived]" : "[published] archived"
        // The filters sit between the search and the count: always on screen while they hold,
        // so in a narrow window the status tabs give way to the status alone.
        let filterCol = area.col + 13 + search.displayWidth
        let filterText = filter.isEmpty ? "" : "[" + filter.summary + "]"
        if !filter.isEmpty,
           area.col + area.width - TextWidth.cells("\(count)  \(tabs)") - 2 - filterCol < TextWidth.cells(filterText) {
            tabs = status.rawValue
        }
        let right = "\(count)  \(tabs)"
        let width = TextWidth.cells(right)
        let rightCol = area.col + area.width - width - 1
        canvas.draw(right, row: row, col: rightCol, role: .hint, width: width)
        if !filter.isEmpty {
            canvas.draw(filterText, row: row, col: filterCol, role: .label, width: max(0, rightCol - filterCol - 1))
        }
    }

    private func renderEmpty(into canvas: Canvas, row: Int, area: Area) {
        let text: String
        if !filter.isEmpty {
            text = "No customers match the filters (\(filter.summary)). Press F to clear them."
        } else if !search.text.isEmpty {
            text = "No customers match “\(search.text)”. Press Esc to clear the search."
        } else if status == .archived {
            text = "No deleted customers. Press a to go back to the published ones."
        } else {
            text = "No customers yet. Press n to create the first one."
        }
        canvas.draw(text, row: row, col: area.col + 2, role: .hint, width: area.width - 4)
    }

    public var keys: KeyMap<Void> {
        if goingTo != nil { return Self.goToKeys.erased }
        return (searching ? Self.searchKeys : currentListKeys).erased
    }

    public var help: HelpOverlay.Content {
        let groups = [("In the list", Self.listKeys, ["s cycles the order: created (newest first), name, email, updated."]),
                      ("While typing a search (after /)", Self.searchKeys, ["Type to search name, email and external id."]),
                      ("Going to a customer (after g)", Self.goToKeys, ["An id or an external id, exactly."])]
        return HelpOverlay.Content(title: "Customer list keys",
                                   lines: HelpOverlay.lines(sections: searching ? groups.reversed() : groups))
    }
}

/// Column layout of the list: the field catalogue's list fields in its order, then the date
/// (created, or updated when the list is sorted by it). Short codes (the country) get just
/// their width; the other fields share what is left by weight. The sorted column's header
/// carries ▲ (ascending) or ▼.
struct ListColumns {
    /// The fields shown and the cells each gets.
    let fields: [(field: CustomerField, width: Int)]
    let order: CustomerListOrder
    static let created = 10

    /// Relative shares of the free width; a field without one gets an even share.
    private static let weights: [CustomerField: Int] = [.name: 35, .externalID: 25, .email: 40]

    init(width: Int, order: CustomerListOrder = .newestFirst) {
        self.order = order
        let listed = FieldCatalogue.fields(in: .list)
        // A field whose longest value is short (a two-letter code) takes its header's width.
        let fixed: [CustomerField: Int] = Dictionary(uniqueKeysWithValues: listed.compactMap { field in
            guard let max = CustomerValidation.rule(for: field).maxLength, max <= 4 else { return nil }
            return (field, Swift.max(max, FieldCatalogue[field].label.count))
        })
        // One space before the first column and between columns.
        let rest = Swift.max(12, width - fixed.values.reduce(0, +) - Self.created - listed.count - 1)
        let shared = listed.filter { fixed[$0] == nil }
        let total = shared.map { Self.weights[$0] ?? 30 }.reduce(0, +)
        var left = rest
        var fields: [(field: CustomerField, width: Int)] = []
        for field in listed {
            if let width = fixed[field] {
                fields.append((field, width))
            } else {
                let share = field == shared.last ? left : rest * (Self.weights[field] ?? 30) / Swift.max(1, total)
                left -= share
                fields.append((field, share))
            }
        }
        self.fields = fields
    }

    func renderHeader(into canvas: Canvas, row: Int, col: Int) {
        let arrow = order.descending ? " ▼" : " ▲"
        let sortedField: CustomerField? = switch order.key {
        case .name: .name
        case .email: .email
        case .created, .updated: nil
        }
        let labels = fields.map { FieldCatalogue[$0.field].label.uppercased() + ($0.field == sortedField ? arrow : "") }
        let date = (order.key == .updated ? "UPDATED" : "CREATED") + (sortedField == nil ? arrow : "")
        cells(labels + [date], into: canvas, row: row, col: col, role: .header)
    }

    func render(_ c: Customer, into canvas: Canvas, row: Int, col: Int, selected: Bool) {
        let date = order.key == .updated ? c.updatedAt : c.createdAt
        let values = fields.map { c.value(of: $0.field) ?? "" } + [String(date.text.prefix(10))]
        cells(values, into: canvas, row: row, col: col, role: selected ? .selection : .text)
    }

    private func cells(_ values: [String], into canvas: Canvas, row: Int, col: Int, role: Role) {
        let widths = fields.map(\.width) + [Self.created]
        canvas.fill(row: row, col: col, width: widths.reduce(0, +) + widths.count, role: role)
        var x = col + 1
        for (value, width) in zip(values, widths) {
            canvas.draw(value, row: row, col: x, role: role, width: width)
            x += width + 1
        }
    }
}
