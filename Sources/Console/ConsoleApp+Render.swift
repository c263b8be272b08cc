import TerminalUI

extension ConsoleApp {
    /// Draws the whole console: title bar, the top screen, message line, footer, overlay.
    public func render(into canvas: Canvas) {
        canvas.clear()
        canvas.cursor = nil
        if isTooSmall {
            renderTooSmall(into: canvas)
            return
        }
        guard let top = stack.last else { return }
        renderTitle(into: canvas, screenTitle: top.title)
        top.render(into: canvas, area: bodyArea)
        if let message {
            canvas.draw(message.text, row: size.rows - 2, col: 1, role: message.isError ? .error : .success,
                        width: size.cols - 2)
        }
        top.renderFooter(into: canvas, row: size.rows - 1, width: size.cols)
        switch overlay {
        case .help?:
            canvas.cursor = nil
            top.renderHelp(into: canvas)
        case .confirm(let request, _)?:
            renderConfirm(request, into: canvas)
        case nil:
            break
        }
    }

    private func renderTitle(into canvas: Canvas, screenTitle: String) {
        canvas.fill(row: 0, col: 0, width: size.cols, role: .statusBar)
        let right = backendLabel
        let rightWidth = min(TextWidth.cells(right), size.cols / 2)
        let left = " FlexPrice customers › \(screenTitle)"
        canvas.draw(left, row: 0, col: 0, role: .statusBar, width: size.cols - rightWidth - 2)
        canvas.draw(right, row: 0, col: size.cols - rightWidth - 1, role: .statusBar, width: rightWidth)
    }

    private func renderTooSmall(into canvas: Canvas) {
        let lines = [
            "Terminal too small: \(size.cols)×\(size.rows)",
            "Needs at least \(Self.minimumSize.cols)×\(Self.minimumSize.rows).",
            "Enlarge the window; nothing is lost.",
        ]
        let top = max(0, size.rows / 2 - 1)
        for (offset, line) in lines.enumerated() where top + offset < size.rows {
            let width = TextWidth.cells(line)
            canvas.draw(line, row: top + offset, col: max(0, (size.cols - width) / 2),
                        role: offset == 0 ? .error : .text, width: size.cols)
        }
    }

    private func renderConfirm(_ request: ConfirmRequest, into canvas: Canvas) {
        let width = min(size.cols - 4, max(44, TextWidth.cells(request.question) + 6, TextWidth.cells(request.detail) + 6))
        let height = request.detail.isEmpty ? 5 : 6
        let row = max(1, (size.rows - height) / 2)
        let col = (size.cols - width) / 2
        for r in row..<(row + height) { canvas.fill(row: r, col: col, width: width, role: .dialog) }
        Box.draw(into: canvas, row: row, col: col, width: width, height: height, role: .dialog, title: "Confirm")
        canvas.draw(request.question, row: row + 1, col: col + 2, role: .dialogTitle, width: width - 4)
        if !request.detail.isEmpty {
            canvas.draw(request.detail, row: row + 2, col: col + 2, role: .dialog, width: width - 4)
        }
        canvas.draw("y yes    n no (Esc)", row: row + height - 2, col: col + 2, role: .dialog, width: width - 4)
        canvas.cursor = nil
    }
}
