import CustomerKit
import TerminalUI

extension CustomerDetailScreen {
    /// The entries of the detail view: (label, value, role of the value), from the customer's
    /// detail rows (the field catalogue's detail fields, then the bookkeeping).
    var entries: [(String, String, Role)] {
        var entries: [(String, String, Role)] = customer.detailRows.map { row in
            let role: Role = switch row.kind {
            case .value, .metadataPair: .text
            case .none, .quiet: .muted
            case .status: customer.status == .archived ? .error : .success
            }
            return (row.label, row.value, role)
        }
        // The mappings follow the metadata: they are not part of the customer as read.
        let rows = customer.detailRows
        let after = (rows.lastIndex { $0.field == .metadata } ?? rows.count - 1) + 1
        entries.insert(contentsOf: integrationEntries, at: min(after, entries.count))
        return entries
    }

    /// "Integrations (2)  stripe = cus_123", one row per mapping.
    var integrationEntries: [(String, String, Role)] {
        let label = "Integrations"
        // Most customers have none: no row for them (nor while they are being read).
        guard let integrations else {
            return integrationsProblem.map { [(label, "could not be read: \($0)", .muted)] } ?? []
        }
        return integrations.enumerated().map { index, mapping in
            (index == 0 ? "\(label) (\(integrations.count))" : "",
             "\(mapping.providerType ?? "?") = \(mapping.providerEntityID ?? "")", .text)
        }
    }

    static let labelWidth = 16

    /// Every entry wrapped to the value column, so that a long value (a 255-byte address, a
    /// metadata value) is read whole here rather than cut at the screen's edge.
    func displayRows(width: Int) -> [(label: String, value: String, role: Role)] {
        let valueWidth = max(8, width - Self.labelWidth - 3)
        var rows: [(label: String, value: String, role: Role)] = []
        for (label, value, role) in entries {
            for (index, piece) in TextWrap.rows(value, cells: valueWidth).enumerated() {
                rows.append((index == 0 ? label : "", piece, role))
            }
        }
        return rows
    }

    /// How the body is split: rows for the fields (a "more" marker row above and below them
    /// when they do not all fit), then the children.
    struct Layout {
        var fieldRows: Int
        var childRows: Int
        /// The first display row shown.
        var first: Int
        var total: Int
        /// Display rows shown, after the marker rows are taken.
        var shown: Int
        var moreAbove: Bool { first > 0 }
        var moreBelow: Bool { first + shown < total }
        var overflows: Bool { total > fieldRows }
    }

    func bodyLayout(in area: Area) -> Layout {
        let total = displayRows(width: area.width).count
        // The children's heading, and a row each for them (none: just "Children: none").
        let childRows = min(children.count, max(1, area.height / 3)) + 1
        let fieldRows = max(1, area.height - childRows - 1)
        var layout = Layout(fieldRows: fieldRows, childRows: childRows, first: 0, total: total, shown: min(total, fieldRows))
        guard total > fieldRows, fieldRows >= 3 else { return layout }
        layout.first = min(max(0, scroll), total - (fieldRows - 1))
        if layout.first == 0 {
            layout.shown = fieldRows - 1
        } else {
            let remaining = total - layout.first
            layout.shown = remaining <= fieldRows - 1 ? remaining : fieldRows - 2
        }
        return layout
    }

    /// Rows a PgUp/PgDn moves.
    var pageStep: Int { max(1, bodyLayout(in: area).shown - 1) }
    /// The largest scroll that still changes what is shown.
    var maxScroll: Int {
        let layout = bodyLayout(in: area)
        return layout.overflows ? layout.total - (layout.fieldRows - 1) : 0
    }

    public func render(into canvas: Canvas, area: Area) {
        let rows = displayRows(width: area.width)
        let layout = bodyLayout(in: area)
        var row = area.row
        let markerCol = area.col + 1 + Self.labelWidth + 1
        if layout.moreAbove {
            canvas.draw("↑ \(layout.first) more above: PgUp", row: row, col: markerCol, role: .hint,
                        width: area.width - markerCol)
            row += 1
        }
        for entry in rows.dropFirst(layout.first).prefix(layout.shown) {
            canvas.draw(entry.label, row: row, col: area.col + 1, role: .label, width: Self.labelWidth)
            canvas.draw(entry.value, row: row, col: markerCol, role: entry.role, width: area.width - Self.labelWidth - 3)
            row += 1
        }
        if layout.moreBelow {
            let below = layout.total - layout.first - layout.shown
            canvas.draw("↓ \(below) more below: PgDn", row: row, col: markerCol, role: .hint, width: area.width - markerCol)
        }
        renderChildren(into: canvas, area: area, top: area.row + layout.fieldRows + 1, childRows: layout.childRows)
    }

    private func renderChildren(into canvas: Canvas, area: Area, top childTop: Int, childRows: Int) {
        let heading: String
        switch childrenTotal {
        case nil: heading = "Children: …"
        case 0?: heading = "Children: none"
        case let total?: heading = "Children: \(total)" + (total > children.count ? " (first \(children.count) shown)" : "")
        }
        canvas.draw(heading, row: childTop - 1, col: area.col + 1, role: .header, width: area.width - 2)
        let visible = childRows - 1
        let start = max(0, min(selectedChild - visible + 1, children.count - visible))
        for (line, child) in children.dropFirst(start).prefix(visible).enumerated() {
            let index = start + line
            let role: Role = index == selectedChild ? .selection : .text
            canvas.fill(row: childTop + line, col: area.col + 1, width: area.width - 2, role: role)
            canvas.draw("\(child.externalID)  \(child.name)  \(child.id)", row: childTop + line, col: area.col + 2,
                        role: role, width: area.width - 4)
        }
    }
}
