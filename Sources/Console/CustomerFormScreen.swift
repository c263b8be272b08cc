import CustomerKit
import TerminalUI

/// The create and edit form: the nine text fields in the product's order, the metadata editor
/// and the parent customer, with inline validation from the shared table. A save that fails
/// validation saves nothing and moves to the first invalid field; backend errors land on their
/// fields; nothing typed is ever thrown away without asking.
public struct CustomerFormScreen: ConsoleScreen {
    public enum Mode: Sendable, Hashable {
        case create
        case edit(Customer)
    }

    enum Focus: Sendable, Hashable {
        case text(Int)
        case metadata
        case parent
    }

    public let id: ScreenID
    /// Names this form's draft on disk; a restored form keeps its draft's id.
    public let draftID: String
    /// For an edit, the customer as last read from the backend (a reload after a conflict
    /// moves it forward).
    var mode: Mode
    let supportsParents: Bool
    var fields: [FormTextField]
    var metadata: MetadataEditor
    var focus: Focus = .text(0)
    var suggestions = SuggestionList()
    var parentInput = TextFieldState(displayWidth: 40)
    /// A read of the parent's name still under way is for the parent chosen before.
    var parentID: String { didSet { requests.supersede(.parent) } }
    var parentLabel: String
    var requests = RequestTickets()
    var saving = false
    /// The save under way was asked for with ^N: a new form follows it.
    var startsNextAfterSave = false
    /// Shown on the form's own message row (the console's message line is for other screens).
    var notice: (text: String, isError: Bool)?
    var initialDraft: CustomerDraft
    /// Someone else saved the customer while the form was open; shown until the operator chooses.
    var conflict: EditConflict? { didSet { conflictScroll = 0 } }
    /// The first line of the conflict's changes shown (they scroll when they do not fit).
    var conflictScroll = 0
    /// The update waiting for the check that nobody else saved meanwhile.
    var pendingUpdate: UpdateCustomerRequest?
    var area = Area(row: 1, col: 0, width: 80, height: 21)

    public init(id: ScreenID, mode: Mode, supportsParents: Bool = true, draftID: String = DraftID.make(),
                restoring typed: CustomerDraft? = nil) {
        self.id = id
        self.mode = mode
        self.supportsParents = supportsParents
        self.draftID = draftID
        let original: CustomerDraft
        if case .edit(let customer) = mode { original = CustomerDraft(customer: customer) } else { original = CustomerDraft() }
        initialDraft = original
        let draft = typed ?? original
        fields = CustomerDraft.textFields.map { FormTextField(field: $0, text: draft[$0]) }
        metadata = MetadataEditor(pairs: draft.metadata)
        parentID = draft.parentCustomerID
        parentLabel = draft.parentCustomerID
    }

    /// A new customer that starts as a copy of `customer`: every field but its ids (the id, and
    /// the external id, which must be the new customer's own).
    public init(id: ScreenID, copying customer: Customer, supportsParents: Bool) {
        var copied = CustomerDraft(customer: customer)
        copied[.externalID] = ""
        self.init(id: id, mode: .create, supportsParents: supportsParents, restoring: copied)
        focus = .text(CustomerDraft.textFields.firstIndex(of: .externalID) ?? 0)
        let name = customer.name.isEmpty ? customer.externalID : customer.name
        notice = ("A copy of \(name): give it its own external id.", false)
    }

    /// A form reopened from a draft kept on disk.
    public init(id: ScreenID, restoring saved: SavedDraft, supportsParents: Bool) {
        let mode: Mode
        switch saved.mode {
        case .create: mode = .create
        case .edit(let customer): mode = .edit(customer)
        }
        self.init(id: id, mode: mode, supportsParents: supportsParents, draftID: saved.id, restoring: saved.draft)
    }

    public var unsavedDraft: DraftSnapshot? {
        guard hasUnsavedChanges else { return nil }
        let kept: SavedDraft.Mode
        switch mode {
        case .create: kept = .create
        case .edit(let customer): kept = .edit(customer)
        }
        return DraftSnapshot(id: draftID, mode: kept, draft: typedDraft)
    }

    public var title: String {
        switch mode {
        case .create: "New customer"
        case .edit(let customer): "Edit \(customer.displayName)"
        }
    }

    /// The form's current values.
    public var draft: CustomerDraft {
        var draft = CustomerDraft(metadata: metadata.pairs, parentCustomerID: parentID)
        for field in fields { draft[field.field] = field.text }
        return draft
    }

    /// The form's values with a metadata pair still being edited counted in: what a hang-up
    /// must not lose.
    var typedDraft: CustomerDraft {
        var typed = draft
        typed.metadata = metadata.pairsAsTyped
        return typed
    }

    public var hasUnsavedChanges: Bool { draft != initialDraft || metadata.editing != nil }
    public var isEditingText: Bool { true }

    public mutating func start() -> [ScreenCommand] {
        loadParentLabel()
    }

    public mutating func layout(_ area: Area) -> [ScreenCommand] {
        self.area = area
        let width = fieldWidth
        for index in fields.indices { fields[index].input.displayWidth = width }
        parentInput.displayWidth = width
        return []
    }

    /// Field width: 36 cells at 80 columns (leaving 24 beside it for errors and counters),
    /// narrower on smaller terminals.
    var fieldWidth: Int { max(12, min(40, area.width - Self.fieldColumn - 25)) }
    static let fieldColumn = 19

    /// Every focus stop in order: the text fields, the metadata editor, the parent.
    var focusOrder: [Focus] {
        fields.indices.map { Focus.text($0) } + [.metadata] + (supportsParents ? [.parent] : [])
    }

    var focusedField: FormTextField? {
        if case .text(let index) = focus { return fields[index] }
        return nil
    }

    public var keys: KeyMap<Void> { footerKeys }

    public var help: HelpOverlay.Content { HelpOverlay.Content(title: "Form keys", lines: Self.helpLines) }
}
