/// The customer fields an operator or a request can set, named by their JSON keys. Everything
/// else about a field (label, Go name, rule, column, where it shows) is in `FieldCatalogue`.
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
    public var isText: Bool { FieldCatalogue[self].isText }

    /// The JSON key.
    public var jsonName: String { rawValue }

    /// What an operator calls the field, for messages and form labels.
    public var label: String { FieldCatalogue[self].label }

    /// The Go struct field name the live server uses as the key of `details` in a
    /// validation error (section 12 of the contract).
    public var goName: String { FieldCatalogue[self].goName }

    /// A field from a `details` key: the JSON name, or the server's Go field name.
    public init?(detailsKey: String) {
        if let byJSON = CustomerField(rawValue: detailsKey) {
            self = byJSON
        } else if let byGo = FieldCatalogue.all.first(where: { $0.goName == detailsKey }) {
            self = byGo.field
        } else {
            return nil
        }
    }

    /// Catalogue order, which is also the form's order.
    public static func < (a: CustomerField, b: CustomerField) -> Bool {
        FieldCatalogue.position(of: a) < FieldCatalogue.position(of: b)
    }
}
