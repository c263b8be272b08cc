import CustomerKit
import TerminalUI

/// The audit trail, newest first: who changed which customer when, and below the list every
/// field of the selected entry with its old and new value.
public struct AuditScreen: ConsoleScreen {
    enum Action: Sendable {
        case back, down, pageUp, pageDown, reload, help
    }

    static let keys = KeyMap<Action>([
        KeyBinding([.escape, .left], label: "Esc", footer: "back", help: "Back to the customers", action: .back, priority: 9),
        KeyBinding([.up, .down], label: "↑↓", footer: "move", help: "Move the selection", action: .down, priority: 8),
        KeyBinding([.character("r")], footer: "reload", help: "Read the trail again", action: .reload, priority: 7),
        KeyBinding([.pageUp], footer: "page up", help: "Up one screen", action: .pageUp, showInFooter: false),
        KeyBinding([.pageDown], footer: "page down", help: "Down one screen", action: .pageDown, showInFooter: false),
        KeyBinding([.character("?"), .function(1)], footer: "help", help: "Show every key of this screen", action: .help, isHelp: true),
    ])

    /// How many entries the screen reads (the newest).
    static let limit = 1000

    public let id: ScreenID
    public var title: String { "Audit trail" }
    private(set) var entries: [AuditEntry]?
    private(set) var selected = 0
    private var area = Area(row: 1, col: 0, width: 80, height: 21)

    public init(id: ScreenID) {
        self.id = id
    }

    public mutating func start() -> [ScreenCommand] { [.effect(.loadAudit(limit: Self.limit))] }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        self.area = area
        return []
    }

    var listRows: Int { max(3, area.height / 2) }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        let count = entries?.count ?? 0
        if key == .up {
            selected = max(0, selected - 1)
            return []
        }
        guard let action = Self.keys.action(for: key) else { return [] }
        switch action {
        case .back: return [.pop(.cancelled)]
        case .down: selected = min(max(0, count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - listRows)
        case .pageDown: selected = min(max(0, count - 1), selected + listRows)
        case .reload: return start()
        case .help: return [.help]
        }
        return []
    }

    public mutating func receive(_ result: BackendResult) -> [ScreenCommand] {
        if case .audit(let loaded) = result {
            entries = loaded
            selected = min(selected, max(0, loaded.count - 1))
        }
        return []
    }

    public func render(into canvas: Canvas, area: Area) {
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

    static func text(_ value: JSONValue) -> String {
        if case .string(let s) = value { return "\"\(s)\"" }
        return value.compactJSON
    }

    public func renderFooter(into canvas: Canvas, row: Int, width: Int) {
        Footer.render(Self.keys, into: canvas, row: row, width: width)
    }

    public var help: HelpOverlay.Content { HelpOverlay.Content(title: "Audit trail keys", keys: Self.keys) }
}
