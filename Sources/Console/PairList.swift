import CustomerKit

/// The form's lists of pairs: metadata (key = value), integration mappings (provider =
/// provider entity id) and tax rate overrides (tax rate code = currency, on create). One
/// editor (`MetadataEditor`) edits each; this says what its parts are called.
enum PairList: Sendable, Hashable, CaseIterable {
    case metadata, integrations, taxRates

    var title: String {
        switch self {
        case .metadata: "Metadata"
        case .integrations: "Integrations"
        case .taxRates: "Tax rates"
        }
    }

    /// What the left part of a pair is, in messages.
    var keyName: String {
        switch self {
        case .metadata: "metadata key"
        case .integrations: "provider"
        case .taxRates: "tax rate code"
        }
    }

    /// The row that adds a pair, as the operator reads it.
    var addHint: String {
        switch self {
        case .metadata: "Enter or type to add a pair"
        case .integrations: "Enter or type: provider = its id"
        case .taxRates: "Type: tax rate code = currency"
        }
    }

    /// The field an issue about this list is reported on.
    var field: CustomerField {
        switch self {
        case .metadata: .metadata
        case .integrations: .integrationEntityMapping
        case .taxRates: .taxRateOverrides
        }
    }

    /// The form's editor for this list.
    var editor: WritableKeyPath<CustomerFormScreen, MetadataEditor> {
        switch self {
        case .metadata: \.metadata
        case .integrations: \.integrationsEditor
        case .taxRates: \.taxRatesEditor
        }
    }
}

/// Where the form's integration mappings stand: the backend is asked when the form opens.
enum IntegrationsState: Sendable, Hashable {
    case loading
    /// The backend keeps mappings sent with a save: they are edited; `original` is what it has.
    case editable(original: [CustomerDraft.Pair])
    /// The live FlexPrice server takes no mappings on create or update: shown, not edited.
    case readOnly([IntegrationEntityMapping])
    case failed(String)

    /// One line on why mappings cannot be edited here.
    static let readOnlyReason = "read-only: this server keeps mappings in its integrations API, not on the customer"

    static func pairs(_ mappings: [IntegrationEntityMapping]) -> [CustomerDraft.Pair] {
        mappings.map { CustomerDraft.Pair(key: $0.providerType ?? "", value: $0.providerEntityID ?? "") }
    }
}
