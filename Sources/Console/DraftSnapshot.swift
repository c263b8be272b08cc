import CustomerKit

/// What an open form would lose if the console died now: its draft id, what it edits, and
/// the typing. The runner turns these into `SavedDraft` files.
public struct DraftSnapshot: Sendable, Hashable {
    public var id: String
    public var mode: SavedDraft.Mode
    public var draft: CustomerDraft

    public init(id: String, mode: SavedDraft.Mode, draft: CustomerDraft) {
        self.id = id
        self.mode = mode
        self.draft = draft
    }
}
