import CustomerKit
import Foundation

/// Keeps every open form's unsaved typing on disk as the operator types: after each event the
/// runner calls `sync`, which writes the drafts that changed (a small file, well under a
/// millisecond) and deletes those of forms that were saved or deliberately discarded.
public final class DraftKeeper {
    let store: any DraftStore
    let backend: String
    let pid: Int32
    private var written: [String: DraftSnapshot] = [:]
    private let onError: (String) -> Void

    public init(store: any DraftStore, backend: String, pid: Int32 = getpid(), onError: @escaping (String) -> Void = { _ in }) {
        self.store = store
        self.backend = backend
        self.pid = pid
        self.onError = onError
    }

    /// Drafts left by consoles that are no longer running, typed against this backend.
    public func restorable() -> [SavedDraft] {
        store.all().filter { $0.backend == backend && !Self.isRunning($0.ownerPID, besides: pid) }
    }

    /// Takes over the drafts offered for restore, so they count as ours from now on.
    public func adopt(_ drafts: [SavedDraft]) {
        for draft in drafts { claim(draft) }
    }

    public func sync(_ app: inout ConsoleApp) {
        let open = app.openDrafts
        let openIDs = Set(open.map(\.id))
        for snapshot in open where written[snapshot.id] != snapshot {
            do {
                try store.save(SavedDraft(id: snapshot.id, backend: backend, mode: snapshot.mode, draft: snapshot.draft,
                                          savedAt: .now(), ownerPID: pid))
                written[snapshot.id] = snapshot
            } catch {
                onError("\(error)")
            }
        }
        for id in written.keys where !openIDs.contains(id) {
            store.remove(id: id)
            written[id] = nil
        }
        for id in app.forgottenDrafts { store.remove(id: id) }
        app.clearForgottenDrafts()
    }

    /// The console is ending. A hang-up or a signal keeps every draft for the next start; an
    /// operator who quit (and said yes to discarding) leaves none behind.
    public func finish(_ app: ConsoleApp) {
        guard !app.endedBySignal else { return }
        for id in written.keys { store.remove(id: id) }
        written = [:]
    }

    private func claim(_ draft: SavedDraft) {
        var mine = draft
        mine.ownerPID = pid
        try? store.save(mine)
    }

    private static func isRunning(_ owner: Int32, besides me: Int32) -> Bool {
        owner != me && owner > 0 && (kill(owner, 0) == 0 || errno == EPERM)
    }
}
