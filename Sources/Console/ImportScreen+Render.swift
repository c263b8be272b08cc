import BulkTransfer
import TerminalUI

extension ImportScreen {
    public func render(into canvas: Canvas, area: Area) {
        let col = area.col + 2
        let width = area.width - 4
        canvas.draw("Import customers from a CSV or JSON Lines file. Nothing is written until you confirm.",
                    row: area.row, col: col, role: .hint, width: width)
        path.render(into: canvas, row: area.row + 2, col: col, width: width, label: "File")
        if stage != .choosing { canvas.cursor = nil }
        let top = area.row + 4
        switch stage {
        case .choosing:
            canvas.draw("Tab completes the name; Enter checks every row.", row: top, col: col, role: .hint, width: width)
        case .checking, .importing:
            renderProgress(into: canvas, row: top, col: col, width: width)
        case .checked(let result):
            let s = result.summary
            canvas.draw("\(s.rows) rows: \(s.created) to create, \(s.updated) to update, \(s.unchanged) unchanged, "
                        + "\(s.skipped) to skip, \(s.failed) failing.", row: top, col: col, role: .text, width: width)
            renderFailures(result.failures, total: s.failed, into: canvas, top: top + 1, col: col, width: width, area: area)
            let writes = s.created + s.updated
            canvas.draw(writes > 0 ? "Enter imports the \(writes) rows that pass; the failing ones are left out."
                        : "Nothing to write.", row: area.bottom - 2, col: col, role: .label, width: width)
        case .finished(let result):
            let s = result.summary
            canvas.draw("\(s.done) of \(s.rows) rows: \(s.created) created, \(s.updated) updated, \(s.unchanged) unchanged, "
                        + "\(s.skipped) skipped, \(s.failed) failed.", row: top, col: col, role: .text, width: width)
            renderFailures(result.failures, total: s.failed, into: canvas, top: top + 1, col: col, width: width, area: area)
            if !s.finished {
                let why = result.stoppedBy.map { "Stopped: \($0.message). " } ?? "Stopped. "
                canvas.drawWrapped(why + "What was imported stays. Enter checks the file again and finishes the rest; "
                                   + "so does `flexprice-console customers import \(path.text)`.",
                                   endingAt: area.bottom - 2, col: col, width: width, maxRows: 3, role: .error, fill: .text)
            } else if s.alreadyDone > 0 {
                canvas.draw("\(s.alreadyDone) rows were done already by the run that stopped.", row: area.bottom - 2, col: col,
                            role: .hint, width: width)
            }
        case .refused(let problem):
            canvas.drawWrapped("This file cannot be imported; nothing was written. \(problem.description)", row: top, col: col,
                               width: width, maxRows: 4, role: .error)
        }
        if let notice {
            canvas.draw(notice.text, row: area.bottom - 1, col: col, role: notice.isError ? .error : .hint, width: width)
        }
    }

    private func renderProgress(into canvas: Canvas, row: Int, col: Int, width: Int) {
        let verb = stage == .checking ? "Checking" : "Importing"
        guard let progress else {
            canvas.draw("\(verb)…", row: row, col: col, role: .text, width: width)
            return
        }
        if progress.phase == .checking {
            canvas.draw("Checking: \(progress.done) rows read…", row: row, col: col, role: .text, width: width)
        } else {
            let fraction = progress.total > 0 ? Double(progress.done) / Double(progress.total) : 0
            let barWidth = max(10, min(40, width - 40))
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            // A check matches rows too (with a bar), so the verb says which of the two is running.
            var text = "\(verb) \(bar) \(Int(fraction * 100))%  \(progress.done) / \(progress.total) rows · \(Int(progress.rate)) rows/s"
            if let left = progress.secondsLeft { text += " · \(Int(left.rounded(.up))) s left" }
            canvas.draw(text, row: row, col: col, role: .text, width: width)
        }
        if stage == .importing {
            canvas.draw("Esc stops after the batch under way; what is done stays done.", row: row + 1, col: col, role: .hint,
                        width: width)
        }
    }

    private func renderFailures(_ failures: [RowFailure], total: Int, into canvas: Canvas, top: Int, col: Int, width: Int,
                                area: Area) {
        guard !failures.isEmpty else { return }
        canvas.draw("Rows that fail (line, column, message):", row: top, col: col, role: .header, width: width)
        let rows = min(failureRows, failures.count - failureScroll)
        for (offset, failure) in failures.dropFirst(failureScroll).prefix(rows).enumerated() {
            let column = failure.column.isEmpty ? "" : "  \(failure.column)"
            canvas.draw("line \(failure.line)\(column)  \(failure.message)", row: top + 1 + offset, col: col + 1, role: .error,
                        width: width - 1)
        }
        if total > failures.count, failureScroll + rows >= failures.count {
            canvas.draw("… and \(total - failures.count) more (the CLI's --report lists every row)", row: top + 1 + rows,
                        col: col + 1, role: .hint, width: width - 1)
        }
    }
}
