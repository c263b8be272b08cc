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
        /// One of the pair lists (metadata, integrations, tax rates).
        case pairs(PairList)
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
    var integrationsEditor: MetadataEditor
    var integrationsState = IntegrationsState.loading
    /// Mappings typed before the backend's arrived (a restored draft): they are what the form
    /// holds, the backend's only what they are compared with.
    var integrationsTyped: Bool
    var taxRatesEditor: MetadataEditor
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
        integrationsEditor = MetadataEditor(pairs: draft.integrations ?? [], list: .integrations)
        integrationsTyped = draft.integrations != nil
        taxRatesEditor = MetadataEditor(pairs: draft.taxRates ?? [], list: .taxRates)
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
        var draft = CustomerDraft(metadata: metadata.pairs, parentCustomerID: parentID,
                                  integrations: changedIntegrations(integrationsEditor.pairs),
                                  taxRates: taxRatesEditor.pairs.isEmpty || !isCreating ? nil : taxRatesEditor.pairs)
        for field in fields { draft[field.field] = field.text }
        return draft
    }

    /// The mappings to send: only where the backend keeps them and the operator changed them
    /// (typed ones stay in the draft while the backend is still being asked).
    func changedIntegrations(_ pairs: [CustomerDraft.Pair]) -> [CustomerDraft.Pair]? {
        switch integrationsState {
        case .editable(let original): pairs == original ? nil : pairs
        case .loading, .failed: integrationsTyped ? pairs : nil
        case .readOnly: nil
        }
    }

    var isCreating: Bool { if case .create = mode { true } else { false } }

    /// The form's values with a pair still being edited counted in: what a hang-up must not lose.
    var typedDraft: CustomerDraft {
        var typed = draft
        typed.metadata = metadata.pairsAsTyped
        if integrationsEditor.editing != nil { typed.integrations = integrationsEditor.pairsAsTyped }
        if taxRatesEditor.editing != nil, isCreating { typed.taxRates = taxRatesEditor.pairsAsTyped }
        return typed
    }

    /// The pair list with a pair open for editing, if any.
    var editingList: PairList? { PairList.allCases.first { self[keyPath: $0.editor].editing != nil } }

    public var hasUnsavedChanges: Bool { draft != initialDraft || editingList != nil }
    public var isEditingText: Bool { true }

    public mutating func start() -> [ScreenCommand] {
        var id: String?
        if case .edit(let customer) = mode { id = customer.id }
        return loadParentLabel() + [requests.ask(.loadIntegrations(customerID: id), as: .integrations)]
    }

    /// The backend's mappings arrived (or whether it keeps any, for a new customer).
    mutating func integrationsArrived(_ mappings: [IntegrationEntityMapping], kept: Bool) {
        guard kept else {
            integrationsState = .readOnly(mappings)
            if focus == .pairs(.integrations) { focus = .pairs(.metadata) }
            return
        }
        let original = IntegrationsState.pairs(mappings)
        integrationsState = .editable(original: original)
        if !integrationsTyped { integrationsEditor.replace(with: original) }
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

    /// Every focus stop in order: the text fields, the pair lists shown, the parent.
    var focusOrder: [Focus] {
        fields.indices.map { Focus.text($0) } + editableLists.map { .pairs($0) } + (supportsParents ? [.parent] : [])
    }

    /// The pair lists the operator can edit here: metadata; integrations where the backend
    /// keeps them; tax rates on create. (A window too small shows fewer: `shownLists`.)
    var editableLists: [PairList] {
        shownLists.filter { list in
            if list == .integrations, case .editable = integrationsState { return true }
            return list != .integrations
        }
    }

    /// The pair lists this form has, in order: integrations shown whatever the backend does
    /// with them (read-only, with the reason, where it keeps none); tax rates only on create.
    var pairLists: [PairList] { isCreating ? [.metadata, .integrations, .taxRates] : [.metadata, .integrations] }

    /// The lists that get rows in this window (each needs one at least); metadata always.
    var shownLists: [PairList] { layoutRows.sections.map(\.list) }

    var focusedField: FormTextField? {
        if case .text(let index) = focus { return fields[index] }
        return nil
    }

    public var keys: KeyMap<Void> { footerKeys }

    public var help: HelpOverlay.Content { HelpOverlay.Content(title: "Form keys", lines: Self.helpLines) }
}
