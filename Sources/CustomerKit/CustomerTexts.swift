/// The text fields of a customer, declared once for every type that carries them: the create
/// and update requests and the customer itself hold one of these and reach its fields by
/// dynamic member lookup (`request.name`). nil means absent: not sent, or never set.
///
/// `FieldCatalogue` says everything else about each field (its JSON key, label, rule, column,
/// where it shows); its text descriptors point here by key path.
public struct CustomerTexts: Sendable, Hashable {
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
    public var parentCustomerID: String?
    public var parentCustomerExternalID: String?

    public init(externalID: String? = nil, name: String? = nil, email: String? = nil, contact: String? = nil,
                addressLine1: String? = nil, addressLine2: String? = nil, addressCity: String? = nil,
                addressState: String? = nil, addressPostalCode: String? = nil, addressCountry: String? = nil,
                timezone: String? = nil, parentCustomerID: String? = nil, parentCustomerExternalID: String? = nil) {
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
        self.parentCustomerID = parentCustomerID
        self.parentCustomerExternalID = parentCustomerExternalID
    }

    /// A field by its catalogue entry (nil for a field that is not text, or absent).
    public subscript(field: CustomerField) -> String? {
        get { FieldCatalogue[field].text.flatMap { self[keyPath: $0] } }
        set { if let path = FieldCatalogue[field].text { self[keyPath: path] = newValue } }
    }

    /// The time zone a customer has when none is given, and again when it is cleared.
    public static let defaultTimezone = "UTC"

    /// What `field` holds once `value` is written to it: the value itself, except that
    /// clearing the time zone restores the default rather than leaving none. The store writes
    /// by this rule and the remote client checks a repeated update's outcome by it.
    public static func stored(_ value: String, in field: CustomerField) -> String {
        field == .timezone && value.isEmpty ? defaultTimezone : value
    }

    /// The text fields that are present, in catalogue order.
    public var present: [(CustomerField, String)] {
        FieldCatalogue.textFields.compactMap { descriptor in self[descriptor.field].map { (descriptor.field, $0) } }
    }
}

/// A type that carries a customer's text fields (`CustomerTexts`) and shows them as its own
/// properties.
public protocol CarriesCustomerTexts {
    var texts: CustomerTexts { get set }
}

extension CarriesCustomerTexts {
    /// A text field's value (nil when absent, or not a text field).
    public func value(of field: CustomerField) -> String? { texts[field] }
}

extension CustomerTexts {
    /// Reads every text field of `fields` that is in the JSON object (an absent key stays nil).
    init(from container: KeyedDecodingContainer<AnyCodingKey>, fields: [FieldDescriptor]) throws {
        self.init()
        for descriptor in fields {
            self[descriptor.field] = try container.decodeIfPresent(String.self, forKey: AnyCodingKey(descriptor.jsonKey))
        }
    }

    /// Writes every text field that is present.
    func encode(to container: inout KeyedEncodingContainer<AnyCodingKey>) throws {
        for (field, value) in present { try container.encode(value, forKey: AnyCodingKey(field.rawValue)) }
    }
}
