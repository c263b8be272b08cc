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
        if let message { renderMessage(message, into: canvas) }
        if case .confirm? = overlay {
            Footer.render(Self.confirmKeys, into: canvas, row: size.rows - 1, width: size.cols)
        } else if case .typedConfirm? = overlay {
            Footer.render(Self.typedConfirmKeys, into: canvas, row: size.rows - 1, width: size.cols)
        } else {
            if let keys = footerKeys { Footer.render(keys, into: canvas, row: size.rows - 1, width: size.cols) }
        }
        switch overlay {
        case .help(let scroll)?:
            canvas.cursor = nil
            if let help = helpContent { HelpOverlay.render(help, into: canvas, scroll: scroll) }
        case .confirm(let request, _)?:
            renderConfirm(request, into: canvas)
        case .typedConfirm(let request, _, let typed)?:
            renderTypedConfirm(request, typed: typed, into: canvas)
        case nil:
            break
        }
    }

    /// The profile and environment always show whole (on a production profile the whole bar is
    /// in the theme's production colours); then the screen's title; the backend label gets what
    /// is left, cut from the left so the end of a long path (the file name) stays visible.
    private func renderTitle(into canvas: Canvas, screenTitle: String) {
        let role: Role = profile.isProduction ? .production : .statusBar
        canvas.fill(row: 0, col: 0, width: size.cols, role: role)
        let badge = profile.titleLabel
        let badgeWidth = badge.isEmpty ? 0 : TextWidth.cells(badge) + 3
        let left = " FlexPrice customers › \(screenTitle)"
        let leftWidth = canvas.draw(left, row: 0, col: 0, role: role, width: max(1, size.cols - 1 - badgeWidth))
        var right = badge
        let room = size.cols - leftWidth - 3 - badgeWidth
        if room >= 12 { right = badge.isEmpty ? Self.keepingEnd(backendLabel, cells: room) : badge + " · " + Self.keepingEnd(backendLabel, cells: room) }
        guard !right.isEmpty else { return }
        let rightWidth = TextWidth.cells(right)
        canvas.draw(right, row: 0, col: max(0, size.cols - rightWidth - 1), role: role, width: rightWidth)
    }

    /// The message line, read whole: a message longer than the line takes up to
    /// `messageRows` rows, growing upwards over the bottom of the screen until the next key.
    private func renderMessage(_ message: (text: String, isError: Bool), into canvas: Canvas) {
        canvas.drawWrapped(message.text, endingAt: size.rows - 2, col: 1, width: size.cols - 2,
                           maxRows: Self.messageRows(for: size.rows), role: message.isError ? .error : .success, fill: .text)
    }

    /// How many rows a long message may take: a quarter of the screen, at least three.
    static func messageRows(for rows: Int) -> Int { max(3, rows / 4) }

    /// "…" plus the end of `text`, at most `cells` wide.
    static func keepingEnd(_ text: String, cells: Int) -> String {
        if TextWidth.cells(text) <= cells { return text }
        var tail = ""
        var used = 1
        for character in text.reversed() {
            let width = TextWidth.cells(character)
            if used + width > cells { break }
            tail.insert(character, at: tail.startIndex)
            used += width
        }
        return "…" + tail
    }

    private func renderTooSmall(into canvas: Canvas) {
        let lines = [
            "Terminal too small: \(size.cols)×\(size.rows)",
            "Needs at least \(Self.minimumSize.cols)×\(Self.minimumSize.rows).",
            "Enlarge the window; nothing is lost.",
            "Keys are ignored until then.",
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
        Footer.render(Self.confirmKeys, into: canvas, row: row + height - 2, width: width - 4, col: col + 2,
                      labelRole: .key, textRole: .dialog)
        canvas.cursor = nil
    }

    /// The production confirmation: the question, what to type, the field, its keys.
    private func renderTypedConfirm(_ request: ConfirmRequest, typed: TextFieldState, into canvas: Canvas) {
        let phrase = SafeText.visible(request.typeToConfirm ?? "")
        let instruction = "Production: type \(phrase) to confirm."
        let width = min(size.cols - 4, max(48, TextWidth.cells(request.question) + 6, TextWidth.cells(instruction) + 6,
                                           typed.displayWidth + 6))
        let height = 7
        let row = max(1, (size.rows - height) / 2)
        let col = (size.cols - width) / 2
        for r in row..<(row + height) { canvas.fill(row: r, col: col, width: width, role: .dialog) }
        Box.draw(into: canvas, row: row, col: col, width: width, height: height, role: .production, title: "Confirm on production")
        canvas.draw(request.question, row: row + 1, col: col + 2, role: .dialogTitle, width: width - 4)
        canvas.draw(instruction, row: row + 2, col: col + 2, role: .dialog, width: width - 4)
        typed.render(into: canvas, row: row + 3, col: col + 2, width: min(typed.displayWidth, width - 4), role: .field,
                     focused: true, padRole: .fieldPad)
        Footer.render(Self.typedConfirmKeys, into: canvas, row: row + height - 2, width: width - 4, col: col + 2,
                      labelRole: .key, textRole: .dialog)
    }
}
