import CustomerKit
import Foundation
import Synchronization
import TerminalUI

/// Runs the console in the real terminal: reads events, feeds them to `ConsoleApp`, performs
/// effects in background tasks (the screen stays responsive while the backend works), and
/// presents each frame. The terminal is always given back, however the loop ends.
public final class ConsoleRunner: @unchecked Sendable {
    // @unchecked: the terminal and the app are touched only by the loop's own thread; the
    // inbox, the one thing shared with background tasks, is a Mutex.
    private let terminal: CursesTerminal
    private var app: ConsoleApp
    private let backend: BackendOpening
    private let theme: Theme
    private let drafts: DraftKeeper?
    private let inbox = Mutex<[(ScreenID, BackendResult)]>([])
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
    public init(backendLabel: String, backend: BackendOpening, theme: Theme, supportsParents: Bool,
                drafts: DraftKeeper? = nil, startupMessage: String? = nil) {
        terminal = CursesTerminal()
        app = ConsoleApp(size: Size(cols: 80, rows: 24), backendLabel: backendLabel, supportsParents: supportsParents)
        if let startupMessage { app.show(startupMessage, isError: true) }
        self.backend = backend
        self.theme = theme
        self.drafts = drafts
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
        let restorable = drafts?.restorable() ?? []
        drafts?.adopt(restorable)
        launch(app.start(restorable: restorable))
        waitForFirstResults(upToMs: Self.firstFrameWaitMs)
        for (screen, result) in inbox.withLock({ results in defer { results = [] }; return results }) {
            launch(app.receive(result, for: screen))
        }
        present(canvas)
        // Whatever ends the loop (quit, hang-up, SIGTERM), typing is on disk already; this
        // only removes drafts the operator chose to discard.
        defer { drafts?.finish(app) }
        while !app.shouldQuit {
            let busy = inFlight.load(ordering: .relaxed) > 0
            let event = terminal.nextEvent(timeoutMs: busy ? Self.busyPollMs : Self.idlePollMs)
            var changed = false
            if event == .suspend {
                // A stopped job can be killed without a chance to write: typing goes to disk first.
                drafts?.sync(&app)
                drafts?.flush()
                terminal.suspend()
                present(canvas)
                continue
            }
            if event != .timeout {
                if case .resize(let size) = event { canvas.resize(to: size) }
                launch(app.handle(event))
                changed = true
            }
            for screen in app.takeCancelRequests() {
                running.withLock { $0[screen]?.values.forEach { $0.cancel() } }
            }
            for (screen, result) in inbox.withLock({ results in defer { results = [] }; return results }) {
                launch(app.receive(result, for: screen))
                changed = true
            }
            if changed {
                // The operator sees the key's effect first; the draft is written right after,
                // still before the next key is read, so it costs no latency and loses nothing.
                if !app.shouldQuit { present(canvas) }
                drafts?.sync(&app)
            }
        }
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

    private func launch(_ work: [(ScreenID, ConsoleEffect)]) {
        let backend = backend
        for (screen, effect) in work {
            inFlight.add(1, ordering: .relaxed)
            let key = UUID()
            // Registered under the lock the task takes to unregister, so a task that finishes
            // at once cannot leave a stale entry behind.
            running.withLock { table in
                table[screen, default: [:]][key] = Task.detached { [self] in
                    let result: BackendResult
                    switch await backend.result {
                    case .success(let effects): result = await effects.perform(effect)
                    case .failure(let error): result = .failed(error, effect: effect)
                    }
                    inbox.withLock { $0.append((screen, result)) }
                    running.withLock { $0[screen]?[key] = nil }
                    inFlight.subtract(1, ordering: .releasing)
                    resultArrived.signal()
                }
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
