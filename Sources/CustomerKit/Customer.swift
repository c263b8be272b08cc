/// A customer as the API returns it (create, get, update, list items).
///
/// Decoding keeps every key it does not model in `additionalFields`, and remembers
/// whether the optional keys were present, so that a customer re-encodes to the JSON
/// it came from: a client must not drop what a newer server sends.
@dynamicMemberLookup
public struct Customer: Sendable, Hashable, Codable, Identifiable, CarriesCustomerTexts {
    public var id: String
    /// The text fields, reached by name (`customer.name` is `""` when never set); `contact`,
    /// `timezone` and `parentCustomerID` keep the difference between absent and empty.
    public var texts: CustomerTexts
    /// `null` when the customer was created without metadata.
    public var metadata: [String: String]?
    public var environmentID: String
    public var tenantID: String
    public var status: CustomerStatus
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var createdBy: String
    public var updatedBy: String
    /// Whether `parent_customer_id` is written when encoding (as `null` when there is no parent).
    /// Backends that follow the product documents set it; decoding sets it when the key was there.
    public var includesParentCustomerID: Bool
    /// Only with `?expand=integrations` and when non-empty.
    public var integrations: [IntegrationMappingResponse]?
    /// Keys this client does not model, kept as sent.
    public var additionalFields: [String: JSONValue]

    public init(id: String, externalID: String, name: String = "", email: String = "",
                contact: String? = nil, addressLine1: String = "", addressLine2: String = "",
                addressCity: String = "", addressState: String = "", addressPostalCode: String = "",
                addressCountry: String = "", timezone: String? = CustomerTexts.defaultTimezone, metadata: [String: String]? = nil,
                environmentID: String = "", tenantID: String = "", status: CustomerStatus = .published,
                createdAt: Timestamp, updatedAt: Timestamp, createdBy: String = "", updatedBy: String = "",
                parentCustomerID: String? = nil, includesParentCustomerID: Bool = true,
                integrations: [IntegrationMappingResponse]? = nil,
                additionalFields: [String: JSONValue] = [:]) {
        self.id = id
        texts = CustomerTexts(externalID: externalID, name: name, email: email, contact: contact, addressLine1: addressLine1,
                              addressLine2: addressLine2, addressCity: addressCity, addressState: addressState,
                              addressPostalCode: addressPostalCode, addressCountry: addressCountry, timezone: timezone,
                              parentCustomerID: parentCustomerID)
        self.metadata = metadata
        self.environmentID = environmentID
        self.tenantID = tenantID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.includesParentCustomerID = includesParentCustomerID
        self.integrations = integrations
        self.additionalFields = additionalFields
    }

    /// A text field by name; a field never set reads as `""`.
    public subscript(dynamicMember path: WritableKeyPath<CustomerTexts, String?>) -> String {
        get { texts[keyPath: path] ?? "" }
        set { texts[keyPath: path] = newValue }
    }

    /// Omitted by the server when never set.
    public var contact: String? {
        get { texts.contact }
        set { texts.contact = newValue }
    }

    /// IANA zone name; sent by the live server, absent from the product documents.
    public var timezone: String? {
        get { texts.timezone }
        set { texts.timezone = newValue }
    }

    /// The product documents' parent customer (FlexPrice id). The live server no longer sends it.
    public var parentCustomerID: String? {
        get { texts.parentCustomerID }
        set { texts.parentCustomerID = newValue }
    }

    /// The value of a text field a customer has (`""` when never set); nil for fields that are
    /// not text, or that a customer does not carry (a parent's external id).
    public func value(of field: CustomerField) -> String? {
        FieldCatalogue[field].inCustomer == .never || !field.isText ? nil : texts[field] ?? ""
    }

    /// The keys a customer has besides its text fields.
    enum Key: String, CaseIterable {
        case id, metadata, environmentID = "environment_id", tenantID = "tenant_id", status
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by"
        case updatedBy = "updated_by", integrations
    }

    /// Every key this type models; others go to `additionalFields`.
    private static let knownKeys = Set(Key.allCases.map(\.rawValue))
        .union(FieldCatalogue.textFields.filter { $0.inCustomer != .never }.map(\.jsonKey))

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func k(_ key: Key) -> AnyCodingKey { AnyCodingKey(key.rawValue) }
        func string(_ key: Key) throws -> String { try c.decodeIfPresent(String.self, forKey: k(key)) ?? "" }
        id = try c.decode(String.self, forKey: k(.id))
        let carried = FieldCatalogue.textFields.filter { $0.inCustomer != .never }
        texts = try CustomerTexts(from: c, fields: carried)
        // A field always in responses reads as "" when a server leaves it out.
        for descriptor in carried where descriptor.inCustomer == .always && texts[descriptor.field] == nil {
            texts[descriptor.field] = ""
        }
        metadata = try c.decodeIfPresent([String: String].self, forKey: k(.metadata))
        environmentID = try string(.environmentID)
        tenantID = try string(.tenantID)
        status = try c.decodeIfPresent(CustomerStatus.self, forKey: k(.status)) ?? .published
        createdAt = try c.decode(Timestamp.self, forKey: k(.createdAt))
        updatedAt = try c.decode(Timestamp.self, forKey: k(.updatedAt))
        createdBy = try string(.createdBy)
        updatedBy = try string(.updatedBy)
        includesParentCustomerID = c.contains(AnyCodingKey(CustomerField.parentCustomerID.rawValue))
        integrations = try c.decodeIfPresent([IntegrationMappingResponse].self, forKey: k(.integrations))
        var extra: [String: JSONValue] = [:]
        for key in c.allKeys where !Self.knownKeys.contains(key.stringValue) {
            extra[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
        }
        additionalFields = extra
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        func k(_ key: Key) -> AnyCodingKey { AnyCodingKey(key.rawValue) }
        try c.encode(id, forKey: k(.id))
        for descriptor in FieldCatalogue.textFields where descriptor.field != .parentCustomerID {
            let key = AnyCodingKey(descriptor.jsonKey)
            switch descriptor.inCustomer {
            case .always: try c.encode(texts[descriptor.field] ?? "", forKey: key)
            case .whenSet: try c.encodeIfPresent(texts[descriptor.field], forKey: key)
            case .never: break
            }
        }
        // Written (null when there is no parent) only by backends that have parents.
        if includesParentCustomerID {
            try c.encode(parentCustomerID, forKey: AnyCodingKey(CustomerField.parentCustomerID.rawValue))
        }
        try c.encode(metadata, forKey: k(.metadata))  // null when absent, as the server writes it
        try c.encode(environmentID, forKey: k(.environmentID))
        try c.encode(tenantID, forKey: k(.tenantID))
        try c.encode(status, forKey: k(.status))
        try c.encode(createdAt, forKey: k(.createdAt))
        try c.encode(updatedAt, forKey: k(.updatedAt))
        try c.encode(createdBy, forKey: k(.createdBy))
        try c.encode(updatedBy, forKey: k(.updatedBy))
        try c.encodeIfPresent(integrations, forKey: k(.integrations))
        for (key, value) in additionalFields { try c.encode(value, forKey: AnyCodingKey(key)) }
    }
}
