/// What the create and update requests share: the customer's text fields, metadata and
/// integration mappings, under their JSON keys.
public protocol CustomerWriteRequest: CarriesCustomerTexts, Sendable, Hashable {
    var metadata: [String: String]? { get set }
    var integrationEntityMapping: [IntegrationEntityMapping]? { get set }
    /// An empty request.
    init()
}

extension CustomerWriteRequest {
    /// A request with these values; absent ones are left out. (Written once for both requests.)
    public init(externalID: String? = nil, name: String? = nil, email: String? = nil, contact: String? = nil,
                addressLine1: String? = nil, addressLine2: String? = nil, addressCity: String? = nil,
                addressState: String? = nil, addressPostalCode: String? = nil, addressCountry: String? = nil,
                timezone: String? = nil, metadata: [String: String]? = nil, parentCustomerID: String? = nil,
                parentCustomerExternalID: String? = nil, integrationEntityMapping: [IntegrationEntityMapping]? = nil) {
        self.init()
        texts = CustomerTexts(externalID: externalID, name: name, email: email, contact: contact, addressLine1: addressLine1,
                              addressLine2: addressLine2, addressCity: addressCity, addressState: addressState,
                              addressPostalCode: addressPostalCode, addressCountry: addressCountry, timezone: timezone,
                              parentCustomerID: parentCustomerID, parentCustomerExternalID: parentCustomerExternalID)
        self.metadata = metadata
        self.integrationEntityMapping = integrationEntityMapping
    }

    /// A text field of the request, by name (`request.name`).
    public subscript(dynamicMember path: WritableKeyPath<CustomerTexts, String?>) -> String? {
        get { texts[keyPath: path] }
        set { texts[keyPath: path] = newValue }
    }

    /// Sets a text field (ignored for fields that are not text).
    public mutating func set(_ field: CustomerField, _ value: String?) { texts[field] = value }
}

extension KeyedEncodingContainer where Key == AnyCodingKey {
    /// Writes the parts every write request has: present text fields, metadata, mappings.
    mutating func encodeShared(_ request: some CustomerWriteRequest) throws {
        try request.texts.encode(to: &self)
        try encodeIfPresent(request.metadata, forKey: AnyCodingKey(CustomerField.metadata.rawValue))
        try encodeIfPresent(request.integrationEntityMapping, forKey: AnyCodingKey(CustomerField.integrationEntityMapping.rawValue))
    }
}

extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// Reads the parts every write request has into `request`.
    func decodeShared<Request: CustomerWriteRequest>(into request: inout Request) throws {
        request.texts = try CustomerTexts(from: self, fields: FieldCatalogue.textFields)
        request.metadata = try decodeIfPresent([String: String].self, forKey: AnyCodingKey(CustomerField.metadata.rawValue))
        request.integrationEntityMapping = try decodeIfPresent([IntegrationEntityMapping].self,
                                                               forKey: AnyCodingKey(CustomerField.integrationEntityMapping.rawValue))
    }
}
