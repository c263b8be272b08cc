@testable import Console
import CustomerKit
import Foundation
import Synchronization
import Testing
import TerminalUI

/// Drafts in memory, to watch what the keeper writes.
final class MemoryDraftStore: DraftStore {
    let files = Mutex<[String: SavedDraft]>([:])
    func save(_ draft: SavedDraft) throws { files.withLock { $0[draft.id] = draft } }
    func remove(id: String) { _ = files.withLock { $0.removeValue(forKey: id) } }
    func all() -> [SavedDraft] { files.withLock { Array($0.values) } }
}

@Suite struct DraftTests {
    static let backend = "local: test.sqlite"

    /// Presses keys with the app's draft commands going to `keeper`, as in the runner.
    static func press(_ h: inout ConsoleHarness, _ keeper: DraftKeeper, _ keys: Key...) async {
        h.keeper = keeper
        for key in keys { await h.run(h.app.handle(.key(key))) }
        keeper.flush()  // writes run on the keeper's queue; the tests look at the store
    }

    static func type(_ h: inout ConsoleHarness, _ keeper: DraftKeeper, _ text: String) async {
        for character in text { await press(&h, keeper, .character(character)) }
    }

    @Test func typingIsKeptAndSavingLeavesNoDraft() async {
        let store = MemoryDraftStore()
        let keeper = DraftKeeper(store: store, backend: Self.backend)
        var h = await ConsoleHarness(backend: FakeBackend())
        await Self.press(&h, keeper, .character("n"))
        #expect(store.all().isEmpty)  // an untouched form has nothing to lose
        await Self.type(&h, keeper, "half-")
        #expect(store.all().map { $0.draft[.externalID] } == ["half-"])
        #expect(store.all().first?.ownerPID == getpid())
        await Self.press(&h, keeper, .control("s"))
        #expect(h.contains("Saved half-"))
        #expect(store.all().isEmpty)
    }

    @Test func aDiscardedFormLeavesNoDraft() async {
        let store = MemoryDraftStore()
        let keeper = DraftKeeper(store: store, backend: Self.backend)
        var h = await ConsoleHarness(backend: FakeBackend())
        await Self.press(&h, keeper, .character("n"))
        await Self.type(&h, keeper, "gone")
        #expect(store.all().count == 1)
        await Self.press(&h, keeper, .escape, .character("y"))
        #expect(store.all().isEmpty)
    }

    @Test func aHangUpKeepsTheDraftAndTheNextStartOffersIt() async {
        let store = MemoryDraftStore()
        let backend = FakeBackend()
        do {
            let keeper = DraftKeeper(store: store, backend: Self.backend, pid: 999_999_999)  // a pid that is not running
            var h = await ConsoleHarness(backend: backend)
            await Self.press(&h, keeper, .character("n"))
            await Self.type(&h, keeper, "kept-1")
            await Self.press(&h, keeper, .tab)
            await Self.type(&h, keeper, "Kept Co")
            _ = h.app.handle(.signal(.hangup))
            keeper.finish(h.app)
            #expect(store.all().count == 1)
        }
        // The next console.
        let keeper = DraftKeeper(store: store, backend: Self.backend)
        let restorable = keeper.restorable()
        #expect(restorable.map(\.title) == ["New customer Kept Co"])
        keeper.adopt(restorable)
        var h = await ConsoleHarness(backend: backend, restorable: restorable)
        #expect(h.contains("Unsaved drafts"))
        #expect(h.contains("New customer Kept Co"))
        await Self.press(&h, keeper, .enter)
        #expect(h.contains("kept-1"))
        #expect(h.contains("Kept Co"))
        await Self.press(&h, keeper, .control("s"))
        #expect(backend.creates.map(\.externalID) == ["kept-1"])
        #expect(store.all().isEmpty)
        #expect(h.contains("Saved Kept Co"))
    }

    @Test func draftsOfARunningConsoleOrAnotherBackendAreNotOffered() {
        let store = MemoryDraftStore()
        let live = SavedDraft(id: "a", backend: Self.backend, mode: .create, draft: CustomerDraft(values: [.externalID: "x"]),
                              savedAt: .now(), ownerPID: getppid())
        let elsewhere = SavedDraft(id: "b", backend: "remote: https://example.test/v1", mode: .create,
                                   draft: CustomerDraft(values: [.externalID: "y"]), savedAt: .now(), ownerPID: 999_999_999)
        try? store.save(live)
        try? store.save(elsewhere)
        #expect(DraftKeeper(store: store, backend: Self.backend).restorable().isEmpty)
    }

    @Test("a draft whose owner pid now names another process (a reboot, a reused pid) is offered")
    func aReusedPidDoesNotHideADraft() {
        let store = MemoryDraftStore()
        // pid 1 is alive, but it is not the console that wrote this draft.
        let orphan = SavedDraft(id: "p1", backend: Self.backend, mode: .create, draft: CustomerDraft(values: [.externalID: "z"]),
                                savedAt: .now(), ownerPID: 1, ownerStart: "another-boot:12345")
        let live = SavedDraft(id: "p2", backend: Self.backend, mode: .create, draft: CustomerDraft(values: [.externalID: "w"]),
                              savedAt: .now(), ownerPID: getppid(), ownerStart: ProcessStart.identity(of: getppid()))
        try? store.save(orphan)
        try? store.save(live)
        #expect(DraftKeeper(store: store, backend: Self.backend).restorable().map(\.id) == ["p1"])
        #expect(ProcessStart.identity(of: getpid()) != nil)
    }

    @Test func anEditDraftRestoresAgainstItsCustomerAndSendsOnlyChanges() async {
        let backend = FakeBackend(count: 1)
        let original = backend.all[0]
        var typed = CustomerDraft(customer: original)
        typed[.name] = "Renamed in a dropped session"
        let saved = SavedDraft(id: "e1", backend: Self.backend, mode: .edit(original), draft: typed,
                               savedAt: .now(), ownerPID: 999_999_999)
        let store = MemoryDraftStore()
        let keeper = DraftKeeper(store: store, backend: Self.backend)
        var h = await ConsoleHarness(backend: backend, restorable: [saved])
        #expect(h.contains("Edit Customer 0 (cust_00000)"))
        await Self.press(&h, keeper, .enter, .function(2))
        #expect(backend.updates.map(\.1) == [UpdateCustomerRequest(name: "Renamed in a dropped session")])
    }

    @Test func discardingFromTheRestoreListForgetsTheDraft() async {
        let store = MemoryDraftStore()
        let saved = SavedDraft(id: "d1", backend: Self.backend, mode: .create,
                               draft: CustomerDraft(values: [.externalID: "drop-me"]), savedAt: .now(), ownerPID: 999_999_999)
        try? store.save(saved)
        let keeper = DraftKeeper(store: store, backend: Self.backend)
        var h = await ConsoleHarness(backend: FakeBackend(), restorable: keeper.restorable())
        await Self.press(&h, keeper, .character("d"))
        #expect(h.contains("Throw away this draft?"))
        await Self.press(&h, keeper, .character("y"))
        #expect(store.all().isEmpty)
        #expect(h.contains("No customers yet"))
    }

    @Test func fileDraftsArePrivateAndWrittenWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drafts-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try FileDraftStore(directory: directory)
        let draft = SavedDraft(id: "f1", backend: Self.backend, mode: .create,
                               draft: CustomerDraft(values: [.externalID: "ü-1", .name: "東京"]), savedAt: .now(), ownerPID: 1)
        try store.save(draft)
        try store.save(draft)
        #expect(store.all() == [draft])
        let fileMode = try FileManager.default.attributesOfItem(atPath: directory + "/f1.json")[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["f1.json"])  // no temporary files left
        store.remove(id: "f1")
        #expect(store.all().isEmpty)
    }
}
