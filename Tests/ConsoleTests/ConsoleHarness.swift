import Console
import CustomerKit
import TerminalUI

/// Drives a `ConsoleApp` headlessly: keys in, effects run against a backend to completion,
/// the screen read back from an in-memory canvas.
struct ConsoleHarness {
    var app: ConsoleApp
    let runner: EffectRunner
    let canvas: GridCanvas
    /// Where the app's draft commands go, when a test watches drafts.
    var keeper: DraftKeeper?
    /// What the app put on the clipboard, in order.
    var copied: [String] = []
    /// The profiles the app asked the runtime to switch to.
    var switchedTo: [String] = []

    init(backend: any CustomerBackend, size: Size = Size(cols: 80, rows: 24), supportsParents: Bool = true,
         restorable: [SavedDraft] = [], auditTrail: (any AuditTrail)? = nil, profile: WorkingProfile = WorkingProfile()) async {
        app = ConsoleApp(size: size, backendLabel: "local: test.sqlite", supportsParents: supportsParents, profile: profile)
        runner = EffectRunner(backend: backend, auditTrail: auditTrail)
        canvas = GridCanvas(size: size)
        let effects = app.start(restorable: restorable)
        await run(effects)
    }

    /// Carries out the app's commands: effects run to completion at once (so nothing is ever
    /// in flight to cancel), draft commands go to `keeper`.
    mutating func run(_ commands: [RuntimeCommand]) async {
        var queue = commands
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case let .perform(effect, origin): queue += app.receive(await runner.perform(effect), for: origin)
            case .cancel: break
            case .keepDrafts(let open): keeper?.keep(open)
            case .forgetDraft(let id): keeper?.forget(id: id)
            case .copyToClipboard(let text): copied.append(text)
            case .switchProfile(let name): switchedTo.append(name)
            }
        }
    }

    mutating func press(_ keys: Key...) async {
        for key in keys { await run(app.handle(.key(key))) }
    }

    mutating func type(_ text: String) async {
        for character in text { await press(.character(character)) }
    }

    mutating func resize(_ size: Size) async {
        canvas.resize(to: size)
        await run(app.handle(.resize(size)))
    }

    /// The screen as text, rendered now.
    func screen() -> String {
        app.render(into: canvas)
        return canvas.text()
    }

    func line(_ row: Int) -> String {
        app.render(into: canvas)
        return canvas.lines()[row]
    }

    func contains(_ text: String) -> Bool { screen().contains(text) }

    /// The rendered rows.
    func lines() -> [String] {
        app.render(into: canvas)
        return canvas.lines()
    }

    /// The text of the row the cursor is on, rendered now.
    func cursorLine() -> String? {
        app.render(into: canvas)
        return canvas.cursor.map { canvas.lines()[$0.row] }
    }
}

import Testing

/// A failed expectation prints the screen, not the model's innards.
extension ConsoleHarness: CustomTestStringConvertible {
    var testDescription: String { "\n" + screen() + "\n" }
}
