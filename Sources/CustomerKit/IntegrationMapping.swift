/// One entry of `integration_entity_mapping` in a create or update request
/// (`CreateEntityIntegrationMappingRequest` on the server).
public struct IntegrationEntityMapping: Sendable, Hashable, Codable {
    public var entityID: String?
    public var entityType: String?
    public var providerType: String?
    public var providerEntityID: String?
    /// Free-form JSON object.
    public var metadata: JSONValue?

    public init(entityID: String? = nil, entityType: String? = nil, providerType: String? = nil,
                providerEntityID: String? = nil, metadata: JSONValue? = nil) {
        self.entityID = entityID
        self.entityType = entityType
        self.providerType = providerType
        self.providerEntityID = providerEntityID
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case entityID = "entity_id", entityType = "entity_type", providerType = "provider_type"
        case providerEntityID = "provider_entity_id", metadata
    }

    /// `metadata` is an object of any JSON, or null, as the OpenAPI document says: an array or a
    /// number stored here would break every client that reads it back (the official SDK's
    /// model is a dictionary). Anything else fails to decode at `...metadata`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entityID = try c.decodeIfPresent(String.self, forKey: .entityID)
        entityType = try c.decodeIfPresent(String.self, forKey: .entityType)
        providerType = try c.decodeIfPresent(String.self, forKey: .providerType)
        providerEntityID = try c.decodeIfPresent(String.self, forKey: .providerEntityID)
        switch try c.decodeIfPresent(JSONValue.self, forKey: .metadata) {
        case nil, .null?:
            metadata = nil
        case .object(let members)?:
            metadata = .object(members)
        default:
            throw DecodingError.typeMismatch([String: JSONValue].self, DecodingError.Context(
                codingPath: c.codingPath + [CodingKeys.metadata], debugDescription: "metadata must be a JSON object"))
        }
    }

    /// The entity types the server accepts (section 16 of the contract).
    public static let entityTypes: Set<String> = [
        "customer", "plan", "invoice", "subscription", "payment", "credit_note", "addon", "item",
        "item_price", "price",
    ]
}

/// One element of a customer's `integrations` array (`?expand=integrations`). Kept whole as JSON:
/// the console shows it and never edits it.
public typealias IntegrationMappingResponse = [String: JSONValue]

extension IntegrationEntityMapping {
    /// The parts of an `?expand=integrations` element that a request has too; members that are
    /// not text are left out rather than guessed.
    public init(response: IntegrationMappingResponse) {
        func text(_ key: String) -> String? {
            if case .string(let value)? = response[key] { return value }
            return nil
        }
        var metadata: JSONValue?
        if case .object? = response["metadata"] { metadata = response["metadata"] }
        self.init(entityID: text("entity_id"), entityType: text("entity_type"), providerType: text("provider_type"),
                  providerEntityID: text("provider_entity_id"), metadata: metadata)
    }
}

/// One entry of `tax_rate_overrides` (create only).
public struct TaxRateOverride: Sendable, Hashable, Codable {
    public var taxRateCode: String?
    public var currency: String?
    public var priority: Int?
    public var autoApply: Bool?
    public var metadata: [String: String]?

    public init(taxRateCode: String? = nil, currency: String? = nil, priority: Int? = nil,
                autoApply: Bool? = nil, metadata: [String: String]? = nil) {
        self.taxRateCode = taxRateCode
        self.currency = currency
        self.priority = priority
        self.autoApply = autoApply
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case taxRateCode = "tax_rate_code", currency, priority, autoApply = "auto_apply", metadata
    }
}
