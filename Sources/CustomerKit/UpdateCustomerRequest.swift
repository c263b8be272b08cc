/// The body of `PUT /customers/...`: a partial update.
///
/// A nil property is absent (the field stays as it is). A present string replaces the value,
/// and `""` clears an optional field (product documents). `metadata` replaces the whole map;
/// `[:]` clears it. `parent_customer_id: ""` detaches the parent.
public struct UpdateCustomerRequest: Sendable, Hashable, Codable {
    public var externalID: String?
    public var name: String?
    public var email: String?
    public var contact: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var addressCity: String?
    public var addressState: String?
    public var addressPostalCode: String?
    public var addressCountry: String?
    public var timezone: String?
    public var metadata: [String: String]?
    public var parentCustomerID: String?
    public var parentCustomerExternalID: String?
    public var integrationEntityMapping: [IntegrationEntityMapping]?

    public init(externalID: String? = nil, name: String? = nil, email: String? = nil, contact: String? = nil,
                addressLine1: String? = nil, addressLine2: String? = nil, addressCity: String? = nil,
                addressState: String? = nil, addressPostalCode: String? = nil, addressCountry: String? = nil,
                timezone: String? = nil, metadata: [String: String]? = nil, parentCustomerID: String? = nil,
                parentCustomerExternalID: String? = nil,
                integrationEntityMapping: [IntegrationEntityMapping]? = nil) {
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
        self.parentCustomerID = parentCustomerID
        self.parentCustomerExternalID = parentCustomerExternalID
        self.integrationEntityMapping = integrationEntityMapping
    }

    /// True when the request would change nothing.
    public var isEmpty: Bool { self == UpdateCustomerRequest() }

    /// The request's value for a text field (nil when absent or not a text field).
    public func value(of field: CustomerField) -> String? {
        switch field {
        case .externalID: externalID
        case .name: name
        case .email: email
        case .contact: contact
        case .addressLine1: addressLine1
        case .addressLine2: addressLine2
        case .addressCity: addressCity
        case .addressState: addressState
        case .addressPostalCode: addressPostalCode
        case .addressCountry: addressCountry
        case .timezone: timezone
        case .parentCustomerID: parentCustomerID
        case .parentCustomerExternalID: parentCustomerExternalID
        case .metadata, .integrationEntityMapping, .taxRateOverrides: nil
        }
    }

    /// Sets a text field (ignored for metadata).
    public mutating func set(_ field: CustomerField, _ value: String?) {
        switch field {
        case .externalID: externalID = value
        case .name: name = value
        case .email: email = value
        case .contact: contact = value
        case .addressLine1: addressLine1 = value
        case .addressLine2: addressLine2 = value
        case .addressCity: addressCity = value
        case .addressState: addressState = value
        case .addressPostalCode: addressPostalCode = value
        case .addressCountry: addressCountry = value
        case .timezone: timezone = value
        case .parentCustomerID: parentCustomerID = value
        case .parentCustomerExternalID: parentCustomerExternalID = value
        case .metadata, .integrationEntityMapping, .taxRateOverrides: break
        }
    }

    /// The fields this request would change.
    public var fields: [CustomerField] {
        CustomerField.allCases.filter { field in
            switch field {
            case .metadata: metadata != nil
            case .integrationEntityMapping: integrationEntityMapping != nil
            default: value(of: field) != nil
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case externalID = "external_id", name, email, contact
        case addressLine1 = "address_line1", addressLine2 = "address_line2", addressCity = "address_city"
        case addressState = "address_state", addressPostalCode = "address_postal_code"
        case addressCountry = "address_country", timezone, metadata
        case parentCustomerID = "parent_customer_id", parentCustomerExternalID = "parent_customer_external_id"
        case integrationEntityMapping = "integration_entity_mapping"
    }
}
