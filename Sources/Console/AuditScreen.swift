import CustomerKit
import TerminalUI

/// The audit trail, newest first: who changed which customer when, and below the list every
/// field of the selected entry with its old and new value.
public struct AuditScreen: ConsoleScreen {
    enum Action: Sendable {
        case back, up, down, pageUp, pageDown, reload, open
    }

    static let keys = KeyMap<Action>([
        KeyBinding([.escape, .left], label: "Esc", footer: "back", help: "Back to the customers", action: .back, priority: 9),
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "move", help: "Move the selection", priority: 8),
        KeyBinding([.enter], footer: "whole entry", help: "Read the selected entry whole (every value wrapped)", action: .open, priority: 7),
        KeyBinding([.character("r")], footer: "reload", help: "Read the trail again", action: .reload, priority: 6),
        KeyBinding([.pageUp], footer: "page up", help: "Up one screen", action: .pageUp, showInFooter: false),
        KeyBinding([.pageDown], footer: "page down", help: "Down one screen", action: .pageDown, showInFooter: false),
    ])

    /// How many entries the screen reads (the newest).
    static let limit = 1000

    public let id: ScreenID
    public var title: String { "Audit trail" }
    private(set) var entries: [AuditEntry]?
    private(set) var selected = 0
    private var area = Area(row: 1, col: 0, width: 80, height: 21)
    private var requests = RequestTickets()

    public init(id: ScreenID) {
        self.id = id
    }

    public mutating func start() -> [ScreenCommand] { [requests.ask(.loadAudit(limit: Self.limit), as: .audit)] }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        self.area = area
        return []
    }

    /// Keys while one entry is read whole.
    static let entryKeys = KeyMap<Action>([
        KeyBinding([.escape, .left], label: "Esc", footer: "back", help: "Back to the list of entries", action: .back, priority: 9),
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "scroll", help: "Scroll the entry", priority: 8),
        KeyBinding(each: [(.pageUp, .pageUp), (.pageDown, .pageDown)], label: "PgUp/PgDn", footer: "page",
                   help: "Scroll a screen at a time", priority: 7),
    ])

    /// The selected entry, read whole; nil while the list is shown.
    private(set) var entryScroll: Int?

    var listRows: Int { max(3, area.height / 2) }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        if let scroll = entryScroll { return handleEntry(key, scroll: scroll) }
        let count = entries?.count ?? 0
        guard let action = Self.keys.action(for: key) else { return [] }
        switch action {
        case .back: return [.pop(.cancelled)]
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(max(0, count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - listRows)
        case .pageDown: selected = min(max(0, count - 1), selected + listRows)
        case .reload: return start()
        case .open: if count > 0 { entryScroll = 0 }
        }
        return []
    }

    private mutating func handleEntry(_ key: Key, scroll: Int) -> [ScreenCommand] {
        let page = max(1, area.height - 3)
        let delta: Int
        switch Self.entryKeys.action(for: key) {
        case .back?: entryScroll = nil; return []
        case .up?: delta = -1
        case .down?: delta = 1
        case .pageUp?: delta = -page
        case .pageDown?: delta = page
        case .reload?, .open?, nil: return []
        }
        let total = entryLines(width: area.width - 4).count
        entryScroll = min(max(0, scroll + delta), max(0, total - page))
        return []
    }

    /// Every line of the selected entry, each change wrapped to `width`.
    func entryLines(width: Int) -> [String] {
        guard let entries, entries.indices.contains(selected) else { return [] }
        let entry = entries[selected]
        var lines = TextWrap.rows("\(entry.action.rawValue) \(entry.customerID) (\(entry.externalID)) by \(entry.operator) "
                                  + "on \(entry.backend) at \(entry.time.text)", cells: width)
        for key in entry.changes.keys.sorted() {
            let change = entry.changes[key]!
            let text = "\(key): \(change.old.map(Self.text) ?? "—") → \(change.new.map(Self.text) ?? "—")"
            lines += TextWrap.rows(text, cells: width)
        }
        return lines
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] {
        if requests.isCurrent(ticket), case .audit(let loaded) = result {
            entries = loaded
            selected = min(selected, max(0, loaded.count - 1))
        }
        return []
    }

    public func render(into canvas: Canvas, area: Area) {
        if let scroll = entryScroll {
            renderEntry(into: canvas, area: area, scroll: scroll)
            return
        }
        guard let entries else {
            canvas.draw("Reading the audit trail…", row: area.row + 1, col: area.col + 2, role: .hint)
            return
        }
        if entries.isEmpty {
            canvas.draw("No changes recorded yet.", row: area.row + 1, col: area.col + 2, role: .hint)
            return
        }
        let first = max(0, min(selected - listRows + 1, entries.count - listRows))
        for (line, entry) in entries.dropFirst(first).prefix(listRows).enumerated() {
            let index = first + line
            let role: Role = index == selected ? .selection : .text
            let when = String(entry.time.text.prefix(19)).replacingOccurrences(of: "T", with: " ")
            let fields = entry.changes.keys.sorted().joined(separator: ", ")
            canvas.fill(row: area.row + line, col: area.col, width: area.width, role: role)
            canvas.draw("\(when)  \(entry.operator)  \(entry.action.rawValue)  \(entry.externalID)  \(fields)",
                        row: area.row + line, col: area.col + 1, role: role, width: area.width - 2)
        }
        renderDetail(entries[selected], into: canvas, top: area.row + listRows + 1, area: area)
    }

    private func renderDetail(_ entry: AuditEntry, into canvas: Canvas, top: Int, area: Area) {
        canvas.draw("\(entry.action.rawValue) \(entry.customerID) by \(entry.operator) on \(entry.backend)",
                    row: top, col: area.col + 1, role: .header, width: area.width - 2)
        let keys = entry.changes.keys.sorted()
        let room = max(0, area.bottom - top - 1)
        for (line, key) in keys.enumerated() where line < room {
            if line == room - 1 && keys.count > room {
                canvas.draw("… and \(keys.count - line) more changes", row: top + 1 + line, col: area.col + 2,
                            role: .hint, width: area.width - 4)
                break
            }
            let change = entry.changes[key]!
            let old = change.old.map(Self.text) ?? "—"
            let new = change.new.map(Self.text) ?? "—"
            canvas.draw("\(key): \(old) → \(new)", row: top + 1 + line, col: area.col + 2, role: .text,
                        width: area.width - 4)
        }
    }

    private func renderEntry(into canvas: Canvas, area: Area, scroll: Int) {
        let lines = entryLines(width: area.width - 4)
        let room = max(1, area.height - 1)
        let first = min(scroll, max(0, lines.count - room))
        for (offset, line) in lines.dropFirst(first).prefix(room).enumerated() {
            canvas.draw(line, row: area.row + offset, col: area.col + 2, role: offset + first == 0 ? .header : .text,
                        width: area.width - 4)
        }
        let below = lines.count - first - room
        if below > 0 {
            canvas.draw("↓ \(below) more lines: PgDn", row: area.bottom - 1, col: area.col + 2, role: .hint, width: area.width - 4)
        }
    }

    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return "\"\(s)\"" }
        return value.compactJSON
    }

    public var keys: KeyMap<Void> { (entryScroll == nil ? Self.keys : Self.entryKeys).erased }

    public var help: HelpOverlay.Content {
        HelpOverlay.Content(title: "Audit trail keys", lines: HelpOverlay.lines(sections: [
            ("In the list of changes", Self.keys, []), ("Reading one entry whole (Enter)", Self.entryKeys, []),
        ]))
    }
}
