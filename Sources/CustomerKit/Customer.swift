/// A customer as the API returns it (create, get, update, list items).
///
/// Decoding keeps every key it does not model in `additionalFields`, and remembers
/// whether the optional keys were present, so that a customer re-encodes to the JSON
/// it came from: a client must not drop what a newer server sends.
public struct Customer: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var externalID: String
    public var name: String
    public var email: String
    /// Omitted by the server when never set.
    public var contact: String?
    public var addressLine1: String
    public var addressLine2: String
    public var addressCity: String
    public var addressState: String
    public var addressPostalCode: String
    public var addressCountry: String
    /// IANA zone name; sent by the live server, absent from the product documents.
    public var timezone: String?
    /// `null` when the customer was created without metadata.
    public var metadata: [String: String]?
    public var environmentID: String
    public var tenantID: String
    public var status: CustomerStatus
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    public var createdBy: String
    public var updatedBy: String
    /// The product documents' parent customer (FlexPrice id). The live server no longer sends it.
    public var parentCustomerID: String?
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
                addressCountry: String = "", timezone: String? = "UTC", metadata: [String: String]? = nil,
                environmentID: String = "", tenantID: String = "", status: CustomerStatus = .published,
                createdAt: Timestamp, updatedAt: Timestamp, createdBy: String = "", updatedBy: String = "",
                parentCustomerID: String? = nil, includesParentCustomerID: Bool = true,
                integrations: [IntegrationMappingResponse]? = nil,
                additionalFields: [String: JSONValue] = [:]) {
        self.id = id
        self.externalID = externalID
        self.name = name
        self.email = email
        self.contact = contact
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.addressCity = addressCity
        self.addressState = addressState
        self.addressPostalCode = addressPostalCode
        self.addressCountry = addressCountry
        self.timezone = timezone
        self.metadata = metadata
        self.environmentID = environmentID
        self.tenantID = tenantID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.parentCustomerID = parentCustomerID
        self.includesParentCustomerID = includesParentCustomerID
        self.integrations = integrations
        self.additionalFields = additionalFields
    }

    /// The value of an editable text field, by its JSON name (nil for non-text fields).
    public func value(of field: CustomerField) -> String? {
        switch field {
        case .externalID: externalID
        case .name: name
        case .email: email
        case .contact: contact ?? ""
        case .addressLine1: addressLine1
        case .addressLine2: addressLine2
        case .addressCity: addressCity
        case .addressState: addressState
        case .addressPostalCode: addressPostalCode
        case .addressCountry: addressCountry
        case .timezone: timezone ?? ""
        case .parentCustomerID: parentCustomerID ?? ""
        case .metadata, .parentCustomerExternalID, .integrationEntityMapping, .taxRateOverrides: nil
        }
    }

    enum Key: String, CaseIterable {
        case id, externalID = "external_id", name, email, contact
        case addressLine1 = "address_line1", addressLine2 = "address_line2", addressCity = "address_city"
        case addressState = "address_state", addressPostalCode = "address_postal_code"
        case addressCountry = "address_country", timezone, metadata
        case environmentID = "environment_id", tenantID = "tenant_id", status
        case createdAt = "created_at", updatedAt = "updated_at", createdBy = "created_by"
        case updatedBy = "updated_by", parentCustomerID = "parent_customer_id", integrations
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: AnyCodingKey.self)
        func k(_ key: Key) -> AnyCodingKey { AnyCodingKey(key.rawValue) }
        func string(_ key: Key) throws -> String { try c.decodeIfPresent(String.self, forKey: k(key)) ?? "" }
        id = try c.decode(String.self, forKey: k(.id))
        externalID = try string(.externalID)
        name = try string(.name)
        email = try string(.email)
        contact = try c.decodeIfPresent(String.self, forKey: k(.contact))
        addressLine1 = try string(.addressLine1)
        addressLine2 = try string(.addressLine2)
        addressCity = try string(.addressCity)
        addressState = try string(.addressState)
        addressPostalCode = try string(.addressPostalCode)
        addressCountry = try string(.addressCountry)
        timezone = try c.decodeIfPresent(String.self, forKey: k(.timezone))
        metadata = try c.decodeIfPresent([String: String].self, forKey: k(.metadata))
        environmentID = try string(.environmentID)
        tenantID = try string(.tenantID)
        status = try c.decodeIfPresent(CustomerStatus.self, forKey: k(.status)) ?? .published
        createdAt = try c.decode(Timestamp.self, forKey: k(.createdAt))
        updatedAt = try c.decode(Timestamp.self, forKey: k(.updatedAt))
        createdBy = try string(.createdBy)
        updatedBy = try string(.updatedBy)
        includesParentCustomerID = c.contains(k(.parentCustomerID))
        parentCustomerID = try c.decodeIfPresent(String.self, forKey: k(.parentCustomerID))
        integrations = try c.decodeIfPresent([IntegrationMappingResponse].self, forKey: k(.integrations))
        let known = Set(Key.allCases.map(\.rawValue))
        var extra: [String: JSONValue] = [:]
        for key in c.allKeys where !known.contains(key.stringValue) {
            extra[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
        }
        additionalFields = extra
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        func k(_ key: Key) -> AnyCodingKey { AnyCodingKey(key.rawValue) }
        try c.encode(id, forKey: k(.id))
        try c.encode(externalID, forKey: k(.externalID))
        try c.encode(name, forKey: k(.name))
        try c.encode(email, forKey: k(.email))
        try c.encodeIfPresent(contact, forKey: k(.contact))
        try c.encode(addressLine1, forKey: k(.addressLine1))
        try c.encode(addressLine2, forKey: k(.addressLine2))
        try c.encode(addressCity, forKey: k(.addressCity))
        try c.encode(addressState, forKey: k(.addressState))
        try c.encode(addressPostalCode, forKey: k(.addressPostalCode))
        try c.encode(addressCountry, forKey: k(.addressCountry))
        try c.encodeIfPresent(timezone, forKey: k(.timezone))
        try c.encode(metadata, forKey: k(.metadata))  // null when absent, as the server writes it
        try c.encode(environmentID, forKey: k(.environmentID))
        try c.encode(tenantID, forKey: k(.tenantID))
        try c.encode(status, forKey: k(.status))
        try c.encode(createdAt, forKey: k(.createdAt))
        try c.encode(updatedAt, forKey: k(.updatedAt))
        try c.encode(createdBy, forKey: k(.createdBy))
        try c.encode(updatedBy, forKey: k(.updatedBy))
        if includesParentCustomerID { try c.encode(parentCustomerID, forKey: k(.parentCustomerID)) }
        try c.encodeIfPresent(integrations, forKey: k(.integrations))
        for (key, value) in additionalFields { try c.encode(value, forKey: AnyCodingKey(key)) }
    }
}
