import CustomerKit
import TerminalUI

/// Shown at start when an earlier console left unsaved forms behind (a dropped SSH link, a
/// crash, kill -9): each draft with the customer it belongs to and when it was typed. Enter
/// reopens one in its form; `d` throws one away (after asking); Esc keeps them for later.
public struct DraftRestoreScreen: ConsoleScreen {
    enum Action: Sendable {
        case restore, discard, later, up, down
    }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], footer: "restore", help: "Reopen the selected draft in its form", action: .restore, priority: 9),
        KeyBinding([.character("d"), .delete], label: "d", footer: "discard", help: "Throw the selected draft away, after asking", action: .discard, priority: 8),
        KeyBinding([.escape], footer: "later", help: "Keep the drafts for the next start and go to the list", action: .later, priority: 7),
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "move", help: "Move the selection", priority: 5),
    ])

    public let id: ScreenID
    public var title: String { "Unsaved drafts" }
    private(set) var drafts: [SavedDraft]
    private(set) var selected = 0
    private var area = Area(row: 1, col: 0, width: 80, height: 21)

    public init(id: ScreenID, drafts: [SavedDraft]) {
        self.id = id
        self.drafts = drafts.sorted { $0.savedAt > $1.savedAt }
    }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        self.area = area
        return []
    }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        guard let action = Self.keys.action(for: key) else { return [] }
        switch action {
        case .up:
            selected = max(0, selected - 1)
        case .down:
            selected = min(drafts.count - 1, selected + 1)
        case .restore:
            guard drafts.indices.contains(selected) else { return [] }
            // The form takes the draft over (same id); this list forgets it.
            let draft = drafts.remove(at: selected)
            selected = min(selected, max(0, drafts.count - 1))
            // A draft that changes nothing would never be written again by its form, so it
            // is forgotten now instead of being offered forever.
            let unchanged: Bool
            switch draft.mode {
            case .create: unchanged = draft.draft == CustomerDraft()
            case .edit(let customer): unchanged = draft.draft == CustomerDraft(customer: customer)
            }
            return [.push(.restore(draft))] + (unchanged ? [.forgetDraft(id: draft.id)] : [])
        case .discard:
            guard drafts.indices.contains(selected) else { return [] }
            return [.confirm(ConfirmRequest(question: "Throw away this draft?",
                                            detail: drafts[selected].title,
                                            tag: .discardDraft(id: drafts[selected].id)))]
        case .later:
            return [.pop(.cancelled)]
        }
        return []
    }

    public mutating func confirmed(_ tag: ConfirmRequest.Tag) -> [ScreenCommand] {
        guard case .discardDraft(let id) = tag else { return [] }
        drafts.removeAll { $0.id == id }
        selected = min(selected, max(0, drafts.count - 1))
        return [.forgetDraft(id: id)] + (drafts.isEmpty ? [.pop(.cancelled)] : [])
    }

    public mutating func resumed(after outcome: PopOutcome) -> [ScreenCommand] {
        drafts.isEmpty ? [.pop(outcome)] : []
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] { [] }

    public func render(into canvas: Canvas, area: Area) {
        let intro = canvas.drawWrapped("These forms were not saved when the console last stopped. Nothing typed is lost.",
                                       row: area.row + 1, col: area.col + 2, width: area.width - 4, maxRows: 2, role: .hint)
        let listTop = area.row + 2 + intro
        let room = max(1, area.bottom - listTop)
        // The list scrolls with the selection when the drafts do not all fit.
        let first = max(0, min(selected - room + 1, drafts.count - room))
        for (line, draft) in drafts.dropFirst(first).prefix(room).enumerated() {
            let index = first + line
            let row = listTop + line
            let role: Role = index == selected ? .selection : .text
            canvas.fill(row: row, col: area.col + 1, width: area.width - 2, role: role)
            let when = String(draft.savedAt.text.prefix(19)).replacingOccurrences(of: "T", with: " ") + " UTC"
            canvas.draw(draft.title, row: row, col: area.col + 2, role: role, width: area.width - 28)
            canvas.draw(when, row: row, col: area.col + area.width - 25, role: role, width: 24)
        }
    }

    public var keys: KeyMap<Void> { Self.keys.erased }

    public var help: HelpOverlay.Content { HelpOverlay.Content(title: "Draft keys", keys: Self.keys) }
}
