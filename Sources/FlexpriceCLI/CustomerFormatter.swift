import CustomerKit
import TerminalUI

/// Human-readable renderings of customers for the CLI: a detail block and a list table.
enum CustomerFormatter {
    /// Every field, one per line, in form order, then the record's bookkeeping.
    static func detail(_ c: Customer) -> String {
        var rows: [(String, String)] = [
            ("ID", c.id), ("External ID", c.externalID), ("Name", c.name), ("Email", c.email),
        ]
        if let contact = c.contact { rows.append(("Contact", contact)) }
        rows += [
            ("Address line 1", c.addressLine1), ("Address line 2", c.addressLine2), ("City", c.addressCity),
            ("State", c.addressState), ("Postal code", c.addressPostalCode),
            ("Country", c.addressCountry.isEmpty ? "" : "\(c.addressCountry) \(CountryRule.name(of: c.addressCountry) ?? "")"),
        ]
        if let timezone = c.timezone { rows.append(("Timezone", timezone)) }
        if c.includesParentCustomerID { rows.append(("Parent customer", c.parentCustomerID ?? "")) }
        rows += [
            ("Status", c.status.rawValue), ("Created", "\(c.createdAt.text) by \(c.createdBy)"),
            ("Updated", "\(c.updatedAt.text) by \(c.updatedBy)"), ("Tenant", c.tenantID),
            ("Environment", c.environmentID),
        ]
        let width = rows.map { $0.0.count }.max() ?? 0
        var lines = rows.map { label, value in
            label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + CLIOutput.safe(value)
        }
        let metadata = c.metadata ?? [:]
        lines.append("Metadata".padding(toLength: width, withPad: " ", startingAt: 0) + (metadata.isEmpty ? "  (none)" : ""))
        for key in metadata.keys.sorted() {
            lines.append("  \(CLIOutput.safe(key)) = \(CLIOutput.safe(metadata[key]!))")
        }
        return lines.joined(separator: "\n")
    }

    /// A table with a header, one row per customer, and a line saying which rows of how many.
    static func table(_ page: CustomerPage) -> String {
        if page.items.isEmpty {
            return page.total == 0 ? "No customers." : "No customers at offset \(page.offset) (\(page.total) in all)."
        }
        let header = ["ID", "EXTERNAL ID", "NAME", "EMAIL", "COUNTRY", "CREATED"]
        let caps = [31, 24, 28, 30, 7, 20]
        let rows = page.items.map { c in
            [c.id, c.externalID, c.name, c.email, c.addressCountry, String(c.createdAt.text.prefix(19)).replacingOccurrences(of: "T", with: " ")]
                .map { CLIOutput.safe($0) }
        }
        var widths = header.map { TextWidth.cells($0) }
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = min(caps[i], max(widths[i], TextWidth.cells(cell))) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in TextWidth.pad(TextWidth.truncate(cell, to: widths[i]), to: widths[i]) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        let first = page.offset + 1
        let last = page.offset + page.items.count
        return ([line(header)] + rows.map(line) + ["\(first)–\(last) of \(page.total)"]).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
