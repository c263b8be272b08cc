import CustomerKit
import TerminalUI

/// Human-readable renderings of customers for the CLI: a detail block and a list table.
enum CustomerFormatter {
    /// Every field, one per line, in the catalogue's detail order, then the record's
    /// bookkeeping; metadata pairs indented under their label.
    static func detail(_ c: Customer) -> String {
        let rows = c.detailRows
        let width = rows.filter { $0.kind != .metadataPair }.map { $0.label.count }.max() ?? 0
        func labelled(_ label: String, _ value: String) -> String {
            label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + CLIOutput.safe(value)
        }
        var lines: [String] = []
        for row in rows {
            guard row.kind == .metadataPair else {
                lines.append(labelled(row.label, row.value))
                continue
            }
            if !row.label.isEmpty { lines.append(labelled(row.label, "").trimmingTrailingSpaces()) }
            lines.append("  " + CLIOutput.safe(row.value))
        }
        return lines.joined(separator: "\n")
    }

    /// The widest a column gets, by field (others get 24).
    private static let caps: [CustomerField: Int] = [.externalID: 24, .name: 28, .email: 30, .addressCountry: 7]

    /// A table with a header, one row per customer, and a line saying which rows of how many.
    static func table(_ page: CustomerPage) -> String {
        if page.items.isEmpty {
            return page.total == 0 ? "No customers." : "No customers at offset \(page.offset) (\(page.total) in all)."
        }
        // The field catalogue's list fields, between the id and the creation time.
        let listed = FieldCatalogue.fields(in: .list)
        let header = ["ID"] + listed.map { FieldCatalogue[$0].label.uppercased() } + ["CREATED"]
        let caps = [31] + listed.map { Self.caps[$0] ?? 24 } + [20]
        let rows = page.items.map { c in
            ([c.id] + listed.map { c.value(of: $0) ?? "" }
                + [String(c.createdAt.text.prefix(19)).replacingOccurrences(of: "T", with: " ")]).map { CLIOutput.safe($0) }
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
