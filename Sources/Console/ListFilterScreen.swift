import CustomerKit
import TerminalUI

/// Chooses the list's filters (`f`): country, and a metadata key and value. Enter applies
/// them to the list below (empty fields filter nothing); Esc goes back unchanged.
public struct ListFilterScreen: ConsoleScreen {
    enum Action: Sendable { case apply, next, previous, clear, back }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], footer: "apply", help: "Filter the list by these (empty fields filter nothing)", action: .apply, priority: 9),
        KeyBinding([.tab, .down], label: "Tab", footer: "next", help: "Next field", action: .next, priority: 7),
        KeyBinding([.backTab, .up], label: "S-Tab", footer: "previous", help: "Previous field", action: .previous, priority: 3),
        KeyBinding([.control("l")], label: "^L", footer: "clear all", help: "Empty every field (Enter then shows every customer)",
                   action: .clear, priority: 5),
        KeyBinding([.escape], label: "Esc", footer: "back", help: "Back to the list, its filters unchanged", action: .back, priority: 8),
    ])

    /// The most characters a metadata key or value filter takes.
    static let longestText = 1_000

    /// The fields, in order: what each is called and what it takes.
    static let labels = ["Country", "Metadata key", "Metadata value"]

    public let id: ScreenID
    public var title: String { "Filter customers" }
    private(set) var inputs: [TextFieldState]
    private(set) var focus = 0
    private(set) var error: String?

    public init(id: ScreenID, filter: ListFilter) {
        self.id = id
        inputs = [
            TextFieldState(text: filter.country, displayWidth: 4, accepts: { $0.unicodeScalars.count <= 2 },
                           transform: { $0.uppercased() }),
            // Metadata has no limit of its own; these bound a stray paste.
            TextFieldState(text: filter.metadataKey, displayWidth: 40, accepts: { $0.unicodeScalars.count <= Self.longestText }),
            TextFieldState(text: filter.metadataValue, displayWidth: 40, accepts: { $0.unicodeScalars.count <= Self.longestText }),
        ]
    }

    public var isEditingText: Bool { true }

    var filter: ListFilter {
        ListFilter(country: inputs[0].text, metadataKey: inputs[1].text, metadataValue: inputs[2].text)
    }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        let width = max(10, min(40, area.width - 22))
        inputs[1].displayWidth = width
        inputs[2].displayWidth = width
        return []
    }

    public mutating func handle(_ key: Key) -> [ScreenCommand] {
        guard let action = Self.keys.action(for: key) else {
            if inputs[focus].handle(key) { error = nil }
            return []
        }
        switch action {
        case .next: focus = (focus + 1) % inputs.count
        case .previous: focus = (focus + inputs.count - 1) % inputs.count
        case .clear:
            for index in inputs.indices { inputs[index].setText("") }
            focus = 0
            error = nil
        case .back: return [.pop(.cancelled)]
        case .apply:
            let chosen = filter
            if let problem = chosen.problem {
                focus = problem.field
                error = problem.message
                return []
            }
            return [.pop(.filtered(chosen))]
        }
        return []
    }

    public mutating func receive(_ result: BackendResult, for ticket: RequestTicket) -> [ScreenCommand] { [] }

    public func render(into canvas: Canvas, area: Area) {
        let col = area.col + 2
        let width = area.width - 4
        canvas.draw("Show only the customers with this country and this metadata pair.", row: area.row, col: col,
                    role: .hint, width: width)
        for (index, label) in Self.labels.enumerated() {
            let row = area.row + 2 + index * 2
            guard row < area.bottom else { break }
            canvas.draw(label, row: row, col: col, role: index == focus ? .label : .muted, width: 16)
            InputField.render(inputs[index], row: row, col: col + 17, width: inputs[index].displayWidth,
                              focused: index == focus, into: canvas)
        }
        if case let code = inputs[0].text, code.count == 2, let name = CountryRule.name(of: code) {
            canvas.draw(name, row: area.row + 2, col: col + 23, role: .hint, width: max(0, width - 23))
        }
        if let error, area.row + 9 < area.bottom {
            canvas.draw(error, row: area.row + 9, col: col, role: .error, width: width)
        }
    }

    public var keys: KeyMap<Void> { Self.keys.erased }
    public var help: HelpOverlay.Content {
        HelpOverlay.Content(title: "Filter keys", lines: HelpOverlay.lines(sections: [
            ("Filtering the list", Self.keys.erased,
             ["Country is an exact code; metadata matches the key's value exactly. F in the list clears every filter."]),
        ]))
    }
}
