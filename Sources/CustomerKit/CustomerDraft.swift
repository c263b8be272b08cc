/// What an operator has typed into a customer form: every editable field as text, metadata as
/// ordered pairs (the order they were entered), and the parent. Turns into a create request,
/// or into an update that holds only what differs from the customer being edited.
public struct CustomerDraft: Sendable, Hashable, Codable {
    /// The text fields a form edits, in form order (the catalogue's).
    public static let textFields: [CustomerField] = FieldCatalogue.formTextFields

    public struct Pair: Sendable, Hashable, Codable {
        public var key: String
        public var value: String
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    public var values: [CustomerField: String]
    public var metadata: [Pair]
    /// The chosen parent's FlexPrice id ("" for none).
    public var parentCustomerID: String
    /// Integration mappings as provider → provider entity id (`stripe` → `cus_123`), when the
    /// operator changed them; nil leaves the customer's mappings as they are. (They are not
    /// part of a customer as read, so an untouched form has none here.)
    public var integrations: [Pair]?
    /// Tax rate overrides as tax rate code → currency (`GST18` → `inr`), on create; nil for none.
    public var taxRates: [Pair]?

    public init(values: [CustomerField: String] = [:], metadata: [Pair] = [], parentCustomerID: String = "",
                integrations: [Pair]? = nil, taxRates: [Pair]? = nil) {
        // Every text field is present, so an untouched form equals a fresh draft.
        var all = values
        for field in Self.textFields where all[field] == nil { all[field] = "" }
        self.values = all
        self.metadata = metadata
        self.parentCustomerID = parentCustomerID
        self.integrations = integrations
        self.taxRates = taxRates
    }

    /// The draft of an existing customer, as an edit form starts.
    public init(customer: Customer) {
        var values: [CustomerField: String] = [:]
        for field in Self.textFields { values[field] = customer.value(of: field) ?? "" }
        self.values = values
        metadata = (customer.metadata ?? [:]).keys.sorted().map { Pair(key: $0, value: customer.metadata![$0]!) }
        parentCustomerID = customer.parentCustomerID ?? ""
    }

    public subscript(field: CustomerField) -> String {
        get { values[field] ?? "" }
        set { values[field] = newValue }
    }

    /// The metadata map. A later pair with the same key wins, as in a JSON object.
    public var metadataMap: [String: String] {
        var map: [String: String] = [:]
        for pair in metadata { map[pair.key] = pair.value }
        return map
    }

    /// Problems the table finds in the metadata pairs that a map would hide.
    public var metadataIssue: FieldIssue? {
        var seen = Set<String>()
        for pair in metadata {
            if pair.key.isEmpty { return FieldIssue(field: .metadata, kind: .invalid("a key is empty")) }
            if !seen.insert(pair.key).inserted {
                return FieldIssue(field: .metadata, kind: .invalid("key \"\(pair.key)\" appears twice"))
            }
        }
        return TaxMetadataRule.check(metadataMap)
    }

    /// A create request: empty optional fields are left out.
    public func createRequest() -> CreateCustomerRequest {
        var request = CreateCustomerRequest(externalID: self[.externalID], metadata: metadata.isEmpty ? nil : metadataMap,
                                            parentCustomerID: parentCustomerID.isEmpty ? nil : parentCustomerID)
        for field in Self.textFields where field != .externalID && !self[field].isEmpty { request.set(field, self[field]) }
        // Before the create there is no customer id: the mapping names its customer by the
        // external id (the server requires an entity id on create).
        if let integrations, !integrations.isEmpty { request.integrationEntityMapping = mappings(entityID: self[.externalID]) }
        if let taxRates, !taxRates.isEmpty {
            request.taxRateOverrides = taxRates.map { TaxRateOverride(taxRateCode: $0.key, currency: $0.value, autoApply: true) }
        }
        return request
    }

    /// The integration pairs as request mappings for the customer `entityID`.
    public func mappings(entityID: String) -> [IntegrationEntityMapping] {
        (integrations ?? []).map { pair in
            IntegrationEntityMapping(entityID: entityID, entityType: "customer", providerType: pair.key,
                                     providerEntityID: pair.value)
        }
    }

    /// An update holding only the fields that differ from `original`; metadata is sent (whole)
    /// only when the map differs.
    public func updateRequest(from original: Customer) -> UpdateCustomerRequest {
        var request = UpdateCustomerRequest()
        for field in Self.textFields where self[field] != (original.value(of: field) ?? "") {
            request.set(field, self[field])
        }
        if metadataMap != (original.metadata ?? [:]) { request.metadata = metadataMap }
        if parentCustomerID != (original.parentCustomerID ?? "") { request.parentCustomerID = parentCustomerID }
        // Sent whole, replacing the kept ones, only when the operator changed them.
        if integrations != nil { request.integrationEntityMapping = mappings(entityID: original.id) }
        return request
    }

    /// Every problem in the draft, in form order: the table's rules plus metadata pair problems.
    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for field in Self.textFields {
            if let issue = CustomerValidation.check(field, self[field]) { issues.append(issue) }
        }
        if let issue = metadataIssue { issues.append(issue) }
        if let issue = Self.pairIssue(integrations, field: .integrationEntityMapping, what: "provider", value: "provider id")
            // The table's rules inside each mapping (lengths) once every pair is whole.
            ?? (integrations == nil ? nil : CustomerValidation.check(mappings: mappings(entityID: self[.externalID].isEmpty ? "-" : self[.externalID]))) {
            issues.append(issue)
        }
        if let issue = Self.pairIssue(taxRates, field: .taxRateOverrides, what: "tax rate code", value: "currency") { issues.append(issue) }
        return issues
    }

    /// Empty or repeated keys among pairs that become a list (one mapping per provider, one
    /// override per tax rate), and keys without the value they need.
    private static func pairIssue(_ pairs: [Pair]?, field: CustomerField, what: String, value: String) -> FieldIssue? {
        var seen = Set<String>()
        for pair in pairs ?? [] {
            if pair.key.isEmpty { return FieldIssue(field: field, kind: .invalid("a \(what) is empty")) }
            if pair.value.isEmpty { return FieldIssue(field: field, kind: .invalid("\(pair.key) has no \(value)")) }
            if !seen.insert(pair.key).inserted { return FieldIssue(field: field, kind: .invalid("\(what) \"\(pair.key)\" appears twice")) }
        }
        return nil
    }
}
