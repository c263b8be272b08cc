/// The customer fields an operator or a request can set, named by their JSON keys.
public enum CustomerField: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case externalID = "external_id"
    case name
    case email
    case contact
    case addressLine1 = "address_line1"
    case addressLine2 = "address_line2"
    case addressCity = "address_city"
    case addressState = "address_state"
    case addressPostalCode = "address_postal_code"
    case addressCountry = "address_country"
    case timezone
    case metadata
    case parentCustomerID = "parent_customer_id"
    case parentCustomerExternalID = "parent_customer_external_id"
    case integrationEntityMapping = "integration_entity_mapping"
    case taxRateOverrides = "tax_rate_overrides"

    /// Whether the field holds plain text (the rest are maps and arrays).
    public var isText: Bool { ![.metadata, .integrationEntityMapping, .taxRateOverrides].contains(self) }

    /// The JSON key.
    public var jsonName: String { rawValue }

    /// What an operator calls the field, for messages and form labels.
    public var label: String {
        switch self {
        case .externalID: "External ID"
        case .name: "Name"
        case .email: "Email"
        case .contact: "Contact"
        case .addressLine1: "Address line 1"
        case .addressLine2: "Address line 2"
        case .addressCity: "City"
        case .addressState: "State"
        case .addressPostalCode: "Postal code"
        case .addressCountry: "Country"
        case .timezone: "Timezone"
        case .metadata: "Metadata"
        case .parentCustomerID: "Parent customer ID"
        case .parentCustomerExternalID: "Parent external ID"
        case .integrationEntityMapping: "Integration mappings"
        case .taxRateOverrides: "Tax rate overrides"
        }
    }

    /// The Go struct field name the live server uses as the key of `details` in a
    /// validation error (section 12 of the contract).
    public var goName: String {
        switch self {
        case .externalID: "ExternalID"
        case .name: "Name"
        case .email: "Email"
        case .contact: "Contact"
        case .addressLine1: "AddressLine1"
        case .addressLine2: "AddressLine2"
        case .addressCity: "AddressCity"
        case .addressState: "AddressState"
        case .addressPostalCode: "AddressPostalCode"
        case .addressCountry: "AddressCountry"
        case .timezone: "Timezone"
        case .metadata: "Metadata"
        case .parentCustomerID: "ParentCustomerID"
        case .parentCustomerExternalID: "ParentCustomerExternalID"
        case .integrationEntityMapping: "IntegrationEntityMapping"
        case .taxRateOverrides: "TaxRateOverrides"
        }
    }

    /// A field from a `details` key: the JSON name, or the server's Go field name.
    public init?(detailsKey: String) {
        if let byJSON = CustomerField(rawValue: detailsKey) {
            self = byJSON
        } else if let byGo = CustomerField.allCases.first(where: { $0.goName == detailsKey }) {
            self = byGo
        } else {
            return nil
        }
    }

    /// Declaration order, which is also the form's order.
    public static func < (a: CustomerField, b: CustomerField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
