/// The validation table: every customer field's rule, written once. The form (inline), the CLI,
/// the local store and the API server all ask it, so a limit changes in one place.
///
/// The product documents require only `external_id`; the limits and formats are those of the
/// live server wherever it would reject what the documents allow (contract section 13).
/// `name` stays optional here, as the documents say: the live server's extra "required" rule
/// comes back from the remote backend as an error on the name field.
public enum CustomerValidation {
    /// Every field's rule, written in the field catalogue beside the rest of its description.
    public static let rules: [FieldRule] = FieldCatalogue.all.map(\.rule)

    public static func rule(for field: CustomerField) -> FieldRule { FieldCatalogue[field].rule }

    /// One field's value, as the form checks it.
    public static func check(_ field: CustomerField, _ value: String) -> FieldIssue? {
        rule(for: field).check(value)
    }

    /// Every problem in a create request, in form order.
    public static func validate(_ request: CreateCustomerRequest) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for rule in rules where rule.field.isText {
            if let value = request.value(of: rule.field), let issue = rule.check(value) {
                issues.append(issue)
            } else if rule.required && request.value(of: rule.field) == nil {
                issues.append(FieldIssue(field: rule.field, kind: .required))
            }
        }
        issues += parentIssues(id: request.parentCustomerID, externalID: request.parentCustomerExternalID)
        if let metadata = request.metadata, let issue = TaxMetadataRule.check(metadata) { issues.append(issue) }
        if let mappings = request.integrationEntityMapping, let issue = check(mappings: mappings) { issues.append(issue) }
        for override in request.taxRateOverrides ?? [] where (override.priority ?? 0) < 0 {
            issues.append(FieldIssue(field: .taxRateOverrides, kind: .invalid("priority must be 0 or more")))
            break
        }
        return issues
    }

    /// Every problem in a partial update. Absent fields are not checked; `""` clears an
    /// optional field and is fine, but the external id can never be cleared.
    public static func validate(_ request: UpdateCustomerRequest) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        for rule in rules where rule.field.isText {
            if let value = request.value(of: rule.field), let issue = rule.check(value) { issues.append(issue) }
        }
        issues += parentIssues(id: request.parentCustomerID, externalID: request.parentCustomerExternalID)
        if let metadata = request.metadata, let issue = TaxMetadataRule.check(metadata) { issues.append(issue) }
        return issues
    }

    private static func parentIssues(id: String?, externalID: String?) -> [FieldIssue] {
        if let id, !id.isEmpty, let externalID, !externalID.isEmpty {
            return [FieldIssue(field: .parentCustomerID, kind: .conflictsWith(.parentCustomerExternalID))]
        }
        return []
    }

    /// One rule inside each integration mapping (the live server's validator tags on
    /// `CreateEntityIntegrationMappingRequest`): every part is required.
    public struct MappingItemRule: Sendable {
        public let name: String
        /// Code points at most; nil for none.
        public let max: Int?
        /// The values allowed; nil for any.
        public let allowed: Set<String>?
        let value: @Sendable (IntegrationEntityMapping) -> String?
    }

    /// The rules inside each mapping, in the table beside the fields' rules.
    public static let mappingItemRules: [MappingItemRule] = [
        MappingItemRule(name: "entity_id", max: 255, allowed: nil, value: { $0.entityID }),
        MappingItemRule(name: "entity_type", max: nil, allowed: IntegrationEntityMapping.entityTypes, value: { $0.entityType }),
        MappingItemRule(name: "provider_type", max: 50, allowed: nil, value: { $0.providerType }),
        MappingItemRule(name: "provider_entity_id", max: 255, allowed: nil, value: { $0.providerEntityID }),
    ]

    /// The first problem among integration mappings (the rules of `mappingItemRules`).
    public static func check(mappings: [IntegrationEntityMapping]) -> FieldIssue? {
        for (index, mapping) in mappings.enumerated() {
            if let issue = mappingIssue(mapping, index: index) { return issue }
        }
        return nil
    }

    private static func mappingIssue(_ m: IntegrationEntityMapping, index: Int) -> FieldIssue? {
        func bad(_ text: String) -> FieldIssue {
            FieldIssue(field: .integrationEntityMapping, kind: .invalid("item \(index + 1): \(text)"))
        }
        for rule in mappingItemRules {
            guard let value = rule.value(m), !value.isEmpty else { return bad("\(rule.name) is required") }
            if let allowed = rule.allowed, !allowed.contains(value) { return bad("\(rule.name) \"\(value)\" is not known") }
            if let max = rule.max, value.unicodeScalars.count > max { return bad("\(rule.name) must be at most \(max) characters") }
        }
        return nil
    }
}
