import CustomerKit
import TerminalUI

extension CustomerDetailScreen {
    /// The lines of the detail view: (label, value, role of the value).
    var lines: [(String, String, Role)] {
        let c = customer
        var rows: [(String, String, Role)] = [
            ("ID", c.id, .text), ("External ID", c.externalID, .text), ("Name", c.name, .text),
            ("Email", c.email, .text),
        ]
        if let contact = c.contact { rows.append(("Contact", contact, .text)) }
        let country = c.addressCountry.isEmpty ? "" : "\(c.addressCountry)  \(CountryRule.name(of: c.addressCountry) ?? "")"
        rows += [
            ("Address line 1", c.addressLine1, .text), ("Address line 2", c.addressLine2, .text),
            ("City", c.addressCity, .text), ("State", c.addressState, .text),
            ("Postal code", c.addressPostalCode, .text), ("Country", country, .text),
        ]
        if let timezone = c.timezone { rows.append(("Timezone", timezone, .text)) }
        rows += [
            ("Status", c.status.rawValue, c.status == .archived ? .error : .success),
            ("Created", "\(c.createdAt.text)  by \(c.createdBy.isEmpty ? "-" : c.createdBy)", .text),
            ("Updated", "\(c.updatedAt.text)  by \(c.updatedBy.isEmpty ? "-" : c.updatedBy)", .text),
            ("Tenant", c.tenantID, .muted), ("Environment", c.environmentID, .muted),
            ("Parent", (c.parentCustomerID ?? "").isEmpty ? "(none)" : c.parentCustomerID!, .text),
        ]
        let metadata = c.metadata ?? [:]
        if metadata.isEmpty {
            rows.append(("Metadata", "(none)", .muted))
        } else {
            for (index, key) in metadata.keys.sorted().enumerated() {
                rows.append((index == 0 ? "Metadata" : "", "\(key) = \(metadata[key]!)", .text))
            }
        }
        return rows
    }

    public func render(into canvas: Canvas, area: Area) {
        let all = lines
        let labelWidth = 16
        let childRows = min(max(children.count, 1), max(1, area.height / 3)) + 1
        let fieldRows = max(1, area.height - childRows - 1)
        let first = min(scroll, max(0, all.count - fieldRows))
        for (line, entry) in all.dropFirst(first).prefix(fieldRows).enumerated() {
            let row = area.row + line
            canvas.draw(entry.0, row: row, col: area.col + 1, role: .label, width: labelWidth)
            canvas.draw(entry.1, row: row, col: area.col + 1 + labelWidth + 1, role: entry.2,
                        width: area.width - labelWidth - 3)
        }
        let childTop = area.row + fieldRows + 1
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
