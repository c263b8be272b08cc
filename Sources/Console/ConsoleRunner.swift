import CustomerKit
import Foundation
import Synchronization
import TerminalUI

/// The console's runtime: reads terminal events, feeds them to `ConsoleApp`, carries out the
/// `RuntimeCommand`s it returns (backend effects in background tasks, so the screen stays
/// responsive while the backend works; cancellations; draft writes), and presents each frame.
/// The terminal is always given back, however the loop ends. The real console runs it on a
/// `CursesTerminal`; headless tests run the same loop on a scripted `Terminal`.
public final class ConsoleRunner: @unchecked Sendable {
    // @unchecked: the terminal and the app are touched only by the loop's own thread; the
    // inbox, the one thing shared with background tasks, is a Mutex.
    private let terminal: any Terminal
    private var app: ConsoleApp
    private var backend: BackendOpening
    private var theme: Theme
    private var drafts: DraftKeeper?
    private let switcher: ProfileSwitcher?
    /// Results, with the generation of the backend that answered: after a profile switch the
    /// old backend's late answers are dropped (screen ids start again on the new one).
    private let inbox = Mutex<[(generation: Int, origin: RequestOrigin, result: BackendResult)]>([])
    private let generation = Atomic<Int>(0)
    /// Backend work under way, by the screen that asked, so Esc can cancel it.
    private let running = Mutex<[ScreenID: [UUID: Task<Void, Never>]]>([:])
    private let inFlight = Atomic<Int>(0)

    /// Poll slices: short while backend work is under way so results show at once, longer
    /// when idle so an idle console costs nothing.
    static let busyPollMs = 1
    static let idlePollMs = 100

    /// How long the first frame waits for the first page, so that the list appears whole
    /// instead of flashing "Loading…" for the few milliseconds the local store needs. A slow
    /// remote API gets the "Loading…" frame after this.
    static let firstFrameWaitMs = 50

    /// `backend` is being opened in the background (see `BackendOpening`); effects wait for
    /// it. A backend that cannot be opened fails each effect with its error, shown on screen.
    public init(terminal: any Terminal = CursesTerminal(), backendLabel: String, backend: BackendOpening, theme: Theme,
                supportsParents: Bool, drafts: DraftKeeper? = nil, startupMessage: String? = nil,
                profile: WorkingProfile = WorkingProfile(), switchProfile: ProfileSwitcher? = nil) {
        self.terminal = terminal
        app = ConsoleApp(size: Size(cols: 80, rows: 24), backendLabel: backendLabel, supportsParents: supportsParents,
                         profile: profile)
        if let startupMessage { app.show(startupMessage, isError: true) }
        self.backend = backend
        self.theme = theme
        self.drafts = drafts
        switcher = switchProfile
    }

    public convenience init(terminal: any Terminal = CursesTerminal(), start: ConsoleStart, switchProfile: ProfileSwitcher? = nil) {
        self.init(terminal: terminal, backendLabel: start.backendLabel, backend: start.backend, theme: start.theme,
                  supportsParents: start.supportsParents, drafts: start.drafts, startupMessage: start.message,
                  profile: start.profile, switchProfile: switchProfile)
    }

    /// Signalled whenever a result lands in the inbox (only waited on for the first frame).
    private let resultArrived = DispatchSemaphore(value: 0)

    /// The signal that ended the last run, if one did.
    public private(set) var endingSignal: TerminalSignal?

    /// Runs until the operator quits or the terminal goes away. Blocks the calling thread.
    public func run() throws {
        defer { endingSignal = app.endingSignal }
        try terminal.start(theme: theme)
        defer { terminal.stop() }
        let canvas = terminal.makeCanvas()
        app.resize(to: terminal.size)
        begin(canvas)
        // Whatever ends the loop (quit, hang-up, SIGTERM), typing is on disk already; this
        // only removes drafts the operator chose to discard.
        defer { drafts?.finish(app) }
        while !app.shouldQuit {
            let busy = inFlight.load(ordering: .relaxed) > 0
            let event = terminal.nextEvent(timeoutMs: busy ? Self.busyPollMs : Self.idlePollMs)
            if event == .suspend {
                // A stopped job can be killed without a chance to write: typing goes to disk first.
                drafts?.flush()
                terminal.suspend()
                present(canvas)
                continue
            }
            var changed = false
            var later: [RuntimeCommand] = []
            if event != .timeout {
                if case .resize(let size) = event { canvas.resize(to: size) }
                later += carryOut(app.handle(event))
                changed = true
            }
            for (origin, result) in takeResults() {
                later += carryOut(app.receive(result, for: origin))
                changed = true
            }
            if changed {
                // The operator sees the key's effect first; the draft is written right after,
                // still before the next key is read, so it costs no latency and loses nothing.
                if !app.shouldQuit { present(canvas) }
                afterFrame(later)
            }
        }
    }

    /// Starts the backend work and cancellations at once; returns the draft commands, which
    /// wait until the frame is shown.
    private func carryOut(_ commands: [RuntimeCommand]) -> [RuntimeCommand] {
        var later: [RuntimeCommand] = []
        for command in commands {
            switch command {
            case let .perform(effect, origin): launch(effect, for: origin)
            case .cancel(let screen): running.withLock { $0[screen]?.values.forEach { $0.cancel() } }
            case .keepDrafts, .forgetDraft, .copyToClipboard, .switchProfile: later.append(command)
            }
        }
        return later
    }

    /// What waits until the frame is shown: draft writes and clipboard copies.
    private func afterFrame(_ commands: [RuntimeCommand]) {
        for command in commands {
            switch command {
            case .keepDrafts(let open): drafts?.keep(open)
            case .forgetDraft(let id): drafts?.forget(id: id)
            case .copyToClipboard(let text): terminal.copyToClipboard(text)
            case .switchProfile(let name): switchProfile(to: name)
            case .perform, .cancel: break
            }
        }
    }

    /// Opens the first screens (the list, and kept drafts of this backend to restore), waits
    /// briefly for the first page, and shows the first frame.
    private func begin(_ canvas: GridCanvas) {
        let restorable = drafts?.restorable() ?? []
        drafts?.adopt(restorable)
        var later = carryOut(app.start(restorable: restorable))
        waitForFirstResults(upToMs: Self.firstFrameWaitMs)
        for (origin, result) in takeResults() { later += carryOut(app.receive(result, for: origin)) }
        present(canvas)
        afterFrame(later)
    }

    /// Starts again on another profile: the old backend's work is cancelled and its answers
    /// dropped, then the new backend, theme and drafts take over with a fresh list. A profile
    /// that cannot be opened leaves the console where it was, saying why.
    private func switchProfile(to name: String) {
        guard let switcher else { return }
        switch switcher(name) {
        case .failure(let failure):
            app.show("Cannot switch to profile \(name): \(failure.message)", isError: true)
            present(terminal.makeCanvas())
        case .success(let start):
            running.withLock { table in table.values.forEach { $0.values.forEach { $0.cancel() } } }
            generation.add(1, ordering: .releasing)
            _ = takeResults()
            drafts?.finish(app)
            backend = start.backend
            drafts = start.drafts
            if start.theme != theme {
                theme = start.theme
                terminal.apply(theme: theme)
            }
            app = ConsoleApp(size: terminal.size, backendLabel: start.backendLabel, supportsParents: start.supportsParents,
                             profile: start.profile)
            app.show(start.message ?? "Now on profile \(name).", isError: start.message != nil)
            begin(terminal.makeCanvas())
        }
    }

    private func takeResults() -> [(RequestOrigin, BackendResult)] {
        let current = generation.load(ordering: .acquiring)
        let taken = inbox.withLock { results in defer { results = [] }; return results }
        return taken.filter { $0.generation == current }.map { ($0.origin, $0.result) }
    }

    private func present(_ canvas: GridCanvas) {
        app.render(into: canvas)
        terminal.present(canvas)
    }

    /// Blocks until no backend work is under way or `upToMs` has passed.
    private func waitForFirstResults(upToMs: Int) {
        let deadline = DispatchTime.now() + .milliseconds(upToMs)
        while inFlight.load(ordering: .acquiring) > 0 {
            if resultArrived.wait(timeout: deadline) == .timedOut { return }
        }
    }

    private func launch(_ effect: ConsoleEffect, for origin: RequestOrigin) {
        let backend = backend
        let screen = origin.screen
        let generation = generation.load(ordering: .acquiring)
        inFlight.add(1, ordering: .relaxed)
        let key = UUID()
        // Registered under the lock the task takes to unregister, so a task that finishes
        // at once cannot leave a stale entry behind.
        running.withLock { table in
            table[screen, default: [:]][key] = Task.detached { [self] in
                let result: BackendResult
                switch await backend.result {
                case .success(let effects):
                    result = await effects.perform(effect) { [self] interim in
                        inbox.withLock { $0.append((generation, origin, interim)) }
                        resultArrived.signal()
                    }
                case .failure(let error): result = .failed(error, effect: effect)
                }
                inbox.withLock { $0.append((generation, origin, result)) }
                running.withLock { $0[screen]?[key] = nil }
                inFlight.subtract(1, ordering: .releasing)
                resultArrived.signal()
            }
        }
    }

    /// Runs the console on a thread of its own, so the blocking terminal loop never holds one
    /// of Swift concurrency's few pool threads (on 2 cores there are 2), and awaits its end.
    public static func runDetached(_ runner: ConsoleRunner) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            let thread = Thread {
                do {
                    try runner.run()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "console-ui"
            thread.start()
        }
    }
}
