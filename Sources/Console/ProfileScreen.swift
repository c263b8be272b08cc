import CustomerKit
import TerminalUI

/// The config file's profiles (`P` from the list): pick one and the console starts again on
/// it, its backend, environment and theme, without a restart. Production profiles are marked.
public struct ProfileScreen: ConsoleScreen {
    enum Action: Sendable {
        case back, up, down, choose
    }

    static let keys = KeyMap<Action>([
        KeyBinding([.escape, .left], label: "Esc", footer: "back", help: "Back to the customers, on the same profile", action: .back, priority: 9),
        KeyBinding(each: [(.up, .up), (.down, .down)], label: "↑↓", footer: "move", help: "Move the selection", priority: 7),
        KeyBinding([.enter], footer: "switch", help: "Work on the selected profile from now on", action: .choose, priority: 8),
    ])

    public let id: ScreenID
    public var title: String { "Profiles" }
    let profile: WorkingProfile
    private(set) var selected: Int

    public init(id: ScreenID, profile: WorkingProfile) {
        self.id = id
        self.profile = profile
        selected = profile.name.flatMap { profile.available.firstIndex(of: $0) } ?? 0
    }

    public mutating func layout(_ area: Area) -> [ScreenCommand] { [] }
    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] { [] }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        switch Self.keys.action(for: key) {
        case .back?: return [.pop(.cancelled)]
        case .up?: selected = max(0, selected - 1)
        case .down?: selected = min(max(0, profile.available.count - 1), selected + 1)
        case .choose?:
            guard profile.available.indices.contains(selected) else { return [] }
            let name = profile.available[selected]
            if name == profile.name { return [.pop(.cancelled), .status("Already on profile \(name).", isError: false)] }
            return [.switchProfile(name)]
        case nil: break
        }
        return []
    }

    public func render(into canvas: Canvas, area: Area) {
        guard area.height > 2 else { return }
        let col = area.col + 2
        let width = area.width - 4
        if profile.available.isEmpty {
            canvas.draw("The config file has no profiles.", row: area.row + 1, col: col, role: .text, width: width)
            canvas.draw("Add \"profiles\" to it (see config.example.json), each with its backend, url,",
                        row: area.row + 3, col: col, role: .hint, width: width)
            canvas.draw("api_key_file, environment_id, theme, and \"production\": true where it is one.",
                        row: area.row + 4, col: col, role: .hint, width: width)
            return
        }
        canvas.draw("Switch profile: the console starts again on the one you pick.", row: area.row + 1, col: col,
                    role: .hint, width: width)
        for (index, name) in profile.available.enumerated() where area.row + 3 + index < area.row + area.height {
            let current = name == profile.name ? "  (current)" : ""
            let role: Role = index == selected ? .selection : .text
            canvas.fill(row: area.row + 3 + index, col: col, width: width, role: role)
            canvas.draw("\(index == selected ? "▸" : " ") \(name)\(current)", row: area.row + 3 + index, col: col,
                        role: role, width: width)
        }
    }

    public var keys: KeyMap<Void> { Self.keys.erased }
    public var help: HelpOverlay.Content {
        HelpOverlay.Content(title: "Profile keys", lines: HelpOverlay.lines(sections: [
            ("Choosing a profile", Self.keys.erased,
             ["Each profile names a backend, URL, key file, environment and theme in the config file.",
              "A production profile shows PRODUCTION in the title bar and asks for the external id before a delete."]),
        ]))
    }
}
