import CustomerKit

/// A form's unsaved typing as kept on disk, so a hang-up, a crash or kill -9 loses nothing.
public struct SavedDraft: Sendable, Hashable, Codable, Identifiable {
    public enum Mode: Sendable, Hashable, Codable {
        case create
        /// The customer as it was when the form was opened.
        case edit(Customer)
    }

    public var id: String
    /// The backend the draft was typed against (its label), so it is offered only there.
    public var backend: String
    public var mode: Mode
    public var draft: CustomerDraft
    public var savedAt: Timestamp
    /// The console process that owns it while it runs; a live owner's drafts are not offered.
    public var ownerPID: Int32
    /// Which process that pid was when the draft was written (see `ProcessStart`), so that a
    /// reused pid does not hide the draft; nil in drafts from before it was recorded.
    public var ownerStart: String?

    public init(id: String, backend: String, mode: Mode, draft: CustomerDraft, savedAt: Timestamp, ownerPID: Int32,
                ownerStart: String? = nil) {
        self.id = id
        self.backend = backend
        self.mode = mode
        self.draft = draft
        self.savedAt = savedAt
        self.ownerPID = ownerPID
        self.ownerStart = ownerStart
    }

    /// "New customer user_1" or "Edit Acme (cust_...)", for the restore list.
    public var title: String {
        switch mode {
        case .create:
            let name = draft[.name].isEmpty ? draft[.externalID] : draft[.name]
            return name.isEmpty ? "New customer (nothing named yet)" : "New customer \(name)"
        case .edit(let customer):
            return "Edit \(customer.name.isEmpty ? customer.externalID : customer.name) (\(customer.id))"
        }
    }
}

/// Where drafts are kept. The console writes through it after every change.
public protocol DraftStore: Sendable {
    func save(_ draft: SavedDraft) throws
    func remove(id: String)
    /// Every readable draft; unreadable files are skipped (and left for a person to look at).
    func all() -> [SavedDraft]
}
