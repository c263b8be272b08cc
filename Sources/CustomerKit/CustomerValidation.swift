/// The validation table: every customer field's rule, written once. The form (inline), the CLI,
/// the local store and the API server all ask it, so a limit changes in one place.
///
/// The product documents require only `external_id`; the limits and formats are those of the
/// live server wherever it would reject what the documents allow (contract section 13).
/// `name` stays optional here, as the documents say: the live server's extra "required" rule
/// comes back from the remote backend as an error on the name field.
public enum CustomerValidation {
    public static let rules: [FieldRule] = [
        // varchar(255) in Postgres: characters (code points).
        FieldRule(.externalID, max: 255, unit: .codePoints, required: true),
        // validator max=255: runes.
        FieldRule(.name, max: 255, unit: .codePoints),
        // varchar(255): characters; format by the validator's `email` rule.
        FieldRule(.email, max: 255, unit: .codePoints, format: .email),
        // validator max=20: runes.
        FieldRule(.contact, max: 20, unit: .codePoints),
        // The service re-checks addresses with Go len(): UTF-8 bytes, the stricter count.
        FieldRule(.addressLine1, max: 255, unit: .utf8Bytes),
        FieldRule(.addressLine2, max: 255, unit: .utf8Bytes),
        FieldRule(.addressCity, max: 100, unit: .utf8Bytes),
        FieldRule(.addressState, max: 100, unit: .utf8Bytes),
        FieldRule(.addressPostalCode, max: 20, unit: .utf8Bytes),
        // len=2 runes and a key of the ISO 3166-1 alpha-2 map (upper case only).
        FieldRule(.addressCountry, max: 2, unit: .codePoints, format: .countryCode),
        // varchar(50); loadable IANA name.
        FieldRule(.timezone, max: 50, unit: .codePoints, format: .timezone),
        FieldRule(.metadata, max: nil),
        FieldRule(.integrationEntityMapping, max: nil),
        FieldRule(.taxRateOverrides, max: nil),
        // ids are varchar(50) (`cust_` + 26-character ULID fits with room).
        FieldRule(.parentCustomerID, max: 50, unit: .codePoints),
        FieldRule(.parentCustomerExternalID, max: 255, unit: .codePoints),
    ]

    private static let byField: [CustomerField: FieldRule] =
        Dictionary(uniqueKeysWithValues: rules.map { ($0.field, $0) })

    public static func rule(for field: CustomerField) -> FieldRule { byField[field]! }

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
        for (index, mapping) in (request.integrationEntityMapping ?? []).enumerated() {
            if let issue = mappingIssue(mapping, index: index) { issues.append(issue); break }
        }
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

    private static func mappingIssue(_ m: IntegrationEntityMapping, index: Int) -> FieldIssue? {
        func bad(_ text: String) -> FieldIssue {
            FieldIssue(field: .integrationEntityMapping, kind: .invalid("item \(index + 1): \(text)"))
        }
        func checkText(_ value: String?, _ name: String, max: Int) -> FieldIssue? {
            guard let value, !value.isEmpty else { return bad("\(name) is required") }
            return value.unicodeScalars.count > max ? bad("\(name) must be at most \(max) characters") : nil
        }
        if let issue = checkText(m.entityID, "entity_id", max: 255) { return issue }
        guard let type = m.entityType, !type.isEmpty else { return bad("entity_type is required") }
        if !IntegrationEntityMapping.entityTypes.contains(type) { return bad("entity_type \"\(type)\" is not known") }
        if let issue = checkText(m.providerType, "provider_type", max: 50) { return issue }
        return checkText(m.providerEntityID, "provider_entity_id", max: 255)
    }
}
