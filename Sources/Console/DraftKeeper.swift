import CustomerKit
import Foundation

/// Keeps every open form's unsaved typing on disk as the operator types: the app says which
/// drafts to keep (`RuntimeCommand.keepDrafts`) whenever they change, and `keep` writes those
/// that changed and deletes those of forms that were saved or deliberately discarded.
///
/// The file work runs on a serial queue of its own, in order: replacing a file by rename makes
/// ext4 flush it, which now and then takes tens of milliseconds, and a keystroke must never wait
/// for that. `flush()` waits for the queue; the runner calls it (through `finish`) before the
/// console ends, so a quit, SIGTERM or hang-up leaves every draft complete on disk.
public final class DraftKeeper: @unchecked Sendable {
    // @unchecked: `written` is touched only by the caller's thread (the input loop); the store
    // is Sendable and used only from `queue`.
    let store: any DraftStore
    let backend: String
    let pid: Int32
    /// This process's start (`ProcessStart`), written into every draft beside the pid.
    let start: String?
    private var written: [String: DraftSnapshot] = [:]
    private let onError: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "flexprice-console.drafts")

    public init(store: any DraftStore, backend: String, pid: Int32 = getpid(),
                onError: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.backend = backend
        self.pid = pid
        start = ProcessStart.identity(of: pid)
        self.onError = onError
    }

    /// Waits until every queued write and removal is done.
    public func flush() {
        queue.sync {}
    }

    /// Drafts left by consoles that are no longer running, typed against this backend.
    public func restorable() -> [SavedDraft] {
        store.all().filter { $0.backend == backend && !Self.isRunning($0, besides: pid) }
    }

    /// Takes over the drafts offered for restore, so they count as ours from now on.
    public func adopt(_ drafts: [SavedDraft]) {
        for draft in drafts { claim(draft) }
    }

    public func keep(_ open: [DraftSnapshot]) {
        let openIDs = Set(open.map(\.id))
        let (store, onError) = (store, onError)
        for snapshot in open where written[snapshot.id] != snapshot {
            let draft = SavedDraft(id: snapshot.id, backend: backend, mode: snapshot.mode, draft: snapshot.draft,
                                   savedAt: .now(), ownerPID: pid, ownerStart: start)
            written[snapshot.id] = snapshot
            queue.async {
                do { try store.save(draft) } catch { onError("\(error)") }
            }
        }
        for id in written.keys where !openIDs.contains(id) {
            written[id] = nil
            queue.async { store.remove(id: id) }
        }
    }

    /// A kept draft the operator threw away.
    public func forget(id: String) {
        let store = store
        queue.async { store.remove(id: id) }
    }

    /// The console is ending. A hang-up or a signal keeps every draft for the next start; an
    /// operator who quit (and said yes to discarding) leaves none behind.
    public func finish(_ app: ConsoleApp) {
        if !app.endedBySignal {
            let (store, ids) = (store, Array(written.keys))
            queue.async { for id in ids { store.remove(id: id) } }
            written = [:]
        }
        flush()
    }

    private func claim(_ draft: SavedDraft) {
        var mine = draft
        mine.ownerPID = pid
        mine.ownerStart = start
        let (store, claimed) = (store, mine)
        queue.async { try? store.save(claimed) }
    }

    /// True when the console that wrote the draft still runs: its pid is alive and, where the
    /// draft recorded it, that pid is still the same process.
    private static func isRunning(_ draft: SavedDraft, besides me: Int32) -> Bool {
        let owner = draft.ownerPID
        guard owner != me, owner > 0, kill(owner, 0) == 0 || errno == EPERM else { return false }
        guard let recorded = draft.ownerStart else { return true }
        return ProcessStart.identity(of: owner) == recorded
    }
}
