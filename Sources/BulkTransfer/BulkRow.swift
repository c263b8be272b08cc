import CustomerKit

/// One customer of a bulk file, as the file gives it: only what the row holds is set. From a
/// CSV row, empty cells are absent; from a JSON line, a key present with `""` clears the field,
/// as in an update body.
public struct BulkRow: Sendable, Equatable {
    /// The line the row starts on in the file.
    public var line: Int
    public var texts = CustomerTexts()
    /// The metadata keys the row gives.
    public var metadata: [String: String] = [:]
    public var integrationEntityMapping: [IntegrationEntityMapping]?
    public var taxRateOverrides: [TaxRateOverride]?
    /// The row's cells as the CSV file had them (for the report); empty for JSON lines.
    public var cells: [String] = []

    public init(line: Int) {
        self.line = line
    }

    public var externalID: String { texts.externalID ?? "" }

    /// The create body for a customer that does not exist yet.
    public var createRequest: CreateCustomerRequest {
        var request = CreateCustomerRequest()
        request.texts = texts
        request.externalID = externalID
        // A cleared field on a new customer is simply not set.
        for (field, value) in texts.present where value.isEmpty && field != .externalID { request.texts[field] = nil }
        request.metadata = metadata.isEmpty ? nil : metadata
        request.integrationEntityMapping = integrationEntityMapping
        request.taxRateOverrides = taxRateOverrides
        return request
    }

    /// The update that brings `existing` to what the row says: only the fields that differ.
    /// Metadata is merged into the customer's (the row's keys win, others stay) or replaces it.
    /// `parentID` is the id of the customer the row's parent external id names, when known.
    public func update(of existing: Customer, metadata mode: MetadataMode, parentID: String?) -> UpdateCustomerRequest {
        var request = UpdateCustomerRequest()
        for (field, value) in texts.present where field != .externalID && field != .parentCustomerExternalID {
            if (existing.texts[field] ?? "") != CustomerTexts.stored(value, in: field) { request.texts[field] = value }
        }
        if let parent = texts.parentCustomerExternalID {
            if parent.isEmpty {
                if !(existing.parentCustomerID ?? "").isEmpty { request.parentCustomerID = "" }
            } else if parentID == nil || parentID != existing.parentCustomerID {
                request.parentCustomerExternalID = parent
            }
        }
        let current = existing.metadata ?? [:]
        switch mode {
        case .merge:
            let merged = current.merging(metadata) { $1 }
            if merged != current { request.metadata = merged }
        case .replace:
            if metadata != current { request.metadata = metadata }
        }
        if let integrationEntityMapping { request.integrationEntityMapping = integrationEntityMapping }
        return request
    }
}

/// How a row's metadata meets the metadata a customer has.
public enum MetadataMode: String, Sendable, CaseIterable {
    /// The row's keys are set, the customer's other keys stay (FlexPrice's import).
    case merge
    /// The customer's metadata becomes the row's.
    case replace
}
