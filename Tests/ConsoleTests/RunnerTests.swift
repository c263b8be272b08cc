import Console
import CustomerKit
import Foundation
import LocalStore
import Testing
import TerminalUI

/// The real runtime, headless: keys from a scripted terminal go through `ConsoleRunner` (its
/// loop, background tasks, draft keeping) to a real `LocalCustomerStore` in a temporary file,
/// and the answers come back to the frames it presents.
@Suite struct RunnerTests {
    final class Workspace: Sendable {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("runner-tests-\(UUID().uuidString)")
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        var database: String { path + "/customers.sqlite" }
        var drafts: String { path + "/drafts" }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Runs the console on `terminal` against the store at `database` until it ends.
    static func run(_ terminal: ScriptedTerminal, _ workspace: Workspace) async throws -> (ConsoleRunner, DraftKeeper) {
        let database = workspace.database
        let backend = BackendOpening { () throws(CustomerError) -> EffectRunner in
            EffectRunner(backend: try LocalCustomerStore(path: database, operator: "runner-test"))
        }
        let keeper = DraftKeeper(store: try FileDraftStore(directory: workspace.drafts), backend: "local: runner")
        let runner = ConsoleRunner(terminal: terminal, backendLabel: "local: runner", backend: backend,
                                   theme: .builtinDefault, supportsParents: true, drafts: keeper)
        try await ConsoleRunner.runDetached(runner)
        return (runner, keeper)
    }

    @Test("^N saves into the store and opens the next form; y copies the saved id to the terminal's clipboard")
    func saveAndNextThenCopyTheID() async throws {
        let workspace = try Workspace()
        let terminal = ScriptedTerminal([.waitFor("No customers yet"), .key(.character("n")), .waitFor("External ID")]
            + ScriptedTerminal.typing("next-1") + [.key(.control("n")), .waitFor("Saved next-1")]
            + [.key(.escape), .waitFor("1 customer"), .key(.character("y")), .waitFor("Copied id"), .key(.character("q"))])
        _ = try await Self.run(terminal, workspace)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        let saved = try await LocalCustomerStore(path: workspace.database).customer(externalID: "next-1")
        #expect(terminal.copied == [saved.id])
    }

    @Test("a customer typed into the form reaches the store, and the list shows it from there")
    func keysToStoreToCanvas() async throws {
        let workspace = try Workspace()
        let terminal = ScriptedTerminal([.waitFor("No customers yet"), .key(.character("n")), .waitFor("External ID")]
            + ScriptedTerminal.typing("runner-1") + [.key(.tab)] + ScriptedTerminal.typing("Runner Co")
            + [.key(.control("s")), .waitFor("Saved Runner Co"), .waitFor("runner-1"), .key(.character("q"))])
        let (runner, _) = try await Self.run(terminal, workspace)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(terminal.started && terminal.stopped)
        #expect(runner.endingSignal == nil)
        let store = try LocalCustomerStore(path: workspace.database)
        let saved = try await store.customer(externalID: "runner-1")
        #expect(saved.name == "Runner Co")
        #expect(saved.createdBy == "runner-test")
        #expect(terminal.lastFrame.contains("Runner Co"))
        // Saved and quit: no draft is left behind.
        #expect(try FileDraftStore(directory: workspace.drafts).all().isEmpty)
    }

    @Test("a hang-up while typing ends the run with the typing kept as a draft, offered at the next start")
    func hangUpKeepsTheDraft() async throws {
        let workspace = try Workspace()
        let first = ScriptedTerminal([.waitFor("No customers yet"), .key(.character("n")), .waitFor("External ID")]
            + ScriptedTerminal.typing("draft-1") + [.waitFor("draft-1"), .signal(.hangup)])
        let (runner, _) = try await Self.run(first, workspace)
        #expect(first.failure == nil, "\(first.failure ?? "")")
        #expect(runner.endingSignal == .hangup)
        let kept = try FileDraftStore(directory: workspace.drafts).all()
        #expect(kept.map { $0.draft[.externalID] } == ["draft-1"])
        // The next console offers it, and Enter brings the typing back into the form.
        let second = ScriptedTerminal([.waitFor("Unsaved drafts"), .key(.enter), .waitFor("draft-1"), .key(.escape),
                                       .waitFor("Discard"), .key(.character("y")), .waitFor("No customers yet"),
                                       .key(.character("q"))])
        _ = try await Self.run(second, workspace)
        #expect(second.failure == nil, "\(second.failure ?? "")")
        #expect(try FileDraftStore(directory: workspace.drafts).all().isEmpty)
    }

    @Test("a resize reaches the screens through the runner, and a too-small window keeps the form")
    func resizeThroughTheRunner() async throws {
        let workspace = try Workspace()
        let terminal = ScriptedTerminal([.waitFor("No customers yet"), .key(.character("n")), .waitFor("External ID")]
            + ScriptedTerminal.typing("tiny-1")
            + [.resize(Size(cols: 40, rows: 10)), .waitFor("too small"), .resize(Size(cols: 100, rows: 30)),
               .waitFor("tiny-1"), .key(.control("s")), .waitFor("Saved"), .key(.character("q"))])
        _ = try await Self.run(terminal, workspace)
        #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
        #expect(try await LocalCustomerStore(path: workspace.database).customer(externalID: "tiny-1").externalID == "tiny-1")
    }
}
