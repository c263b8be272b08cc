/// Where a field shows, and which files carry it.
public struct FieldPlaces: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The create and edit form.
    public static let form = FieldPlaces(rawValue: 1 << 0)
    /// The customer detail screen.
    public static let detail = FieldPlaces(rawValue: 1 << 1)
    /// A column of the customer list.
    public static let list = FieldPlaces(rawValue: 1 << 2)
    /// A column that search filters and sort keys may name (`POST /customers/search`).
    public static let searchFilter = FieldPlaces(rawValue: 1 << 3)
    /// A column of this program's bulk import and export files.
    public static let bulkFile = FieldPlaces(rawValue: 1 << 4)
    /// A column of FlexPrice's own customer import (contract section 19): a file made for it
    /// imports here unchanged, and an export lists these columns first.
    public static let flexPriceImport = FieldPlaces(rawValue: 1 << 6)
    /// Searched by the free-text search (the list's `/`, `?search=`): case-insensitive substring.
    public static let textSearch = FieldPlaces(rawValue: 1 << 5)
}

/// Whether a customer (as the API returns it) carries a text field.
public enum CustomerPresence: Sendable, Hashable {
    /// Always in a customer: `""` when never set.
    case always
    /// Only once set (absent, not `""`, before): contact, timezone, parent.
    case whenSet
    /// Only in requests (a parent given by its external id).
    case never
}

/// Everything the program knows about one customer field, written once. Coding keys,
/// `value(of:)` and setters, the local store's column lists and row decoding, search filter
/// columns, and the form's, detail screen's and list's order are all derived from here.
public struct FieldDescriptor: Sendable {
    public let field: CustomerField
    /// The JSON key (the field's raw value).
    public var jsonKey: String { field.rawValue }
    /// The live server's Go struct field name: the key of its validation `details`.
    public let goName: String
    /// What an operator calls it.
    public let label: String
    /// The local store's column; nil when the store keeps no column for it (a parent given by
    /// external id is stored as the parent's id).
    public let column: String?
    /// The column is NULL when the value was never set (and then absent from the JSON).
    public let columnIsNullable: Bool
    /// Its rule in the validation table.
    public let rule: FieldRule
    public let places: FieldPlaces
    /// Where a text field's value lives in every model (`CustomerTexts`); nil for maps and arrays.
    public let text: (WritableKeyPath<CustomerTexts, String?> & Sendable)?
    /// Whether a customer carries it (text fields).
    public let inCustomer: CustomerPresence

    public var isText: Bool { text != nil }
}

/// The field catalogue: one description per customer field, in form order.
public enum FieldCatalogue {
    public static let all: [FieldDescriptor] = [
        text(.externalID, "ExternalID", "External ID", \.externalID, [.form, .detail, .list, .searchFilter, .bulkFile, .flexPriceImport, .textSearch],
             // varchar(255) in Postgres: characters (code points).
             rule: FieldRule(.externalID, max: 255, unit: .codePoints, required: true)),
        text(.name, "Name", "Name", \.name, [.form, .detail, .list, .searchFilter, .bulkFile, .flexPriceImport, .textSearch],
             // validator max=255: runes.
             rule: FieldRule(.name, max: 255, unit: .codePoints)),
        text(.email, "Email", "Email", \.email, [.form, .detail, .list, .searchFilter, .bulkFile, .flexPriceImport, .textSearch],
             // varchar(255): characters; format by the validator's `email` rule.
             rule: FieldRule(.email, max: 255, unit: .codePoints, format: .email)),
        text(.contact, "Contact", "Contact", \.contact, [.detail, .searchFilter, .bulkFile], nullableColumn: true, inCustomer: .whenSet,
             // validator max=20: runes.
             rule: FieldRule(.contact, max: 20, unit: .codePoints)),
        // The service re-checks addresses with Go len(): UTF-8 bytes, the stricter count.
        text(.addressLine1, "AddressLine1", "Address line 1", \.addressLine1, [.form, .detail, .searchFilter, .bulkFile, .flexPriceImport],
             rule: FieldRule(.addressLine1, max: 255, unit: .utf8Bytes)),
        text(.addressLine2, "AddressLine2", "Address line 2", \.addressLine2, [.form, .detail, .searchFilter, .bulkFile, .flexPriceImport],
             rule: FieldRule(.addressLine2, max: 255, unit: .utf8Bytes)),
        text(.addressCity, "AddressCity", "City", \.addressCity, [.form, .detail, .searchFilter, .bulkFile, .flexPriceImport],
             rule: FieldRule(.addressCity, max: 100, unit: .utf8Bytes)),
        text(.addressState, "AddressState", "State", \.addressState, [.form, .detail, .searchFilter, .bulkFile, .flexPriceImport],
             rule: FieldRule(.addressState, max: 100, unit: .utf8Bytes)),
        text(.addressPostalCode, "AddressPostalCode", "Postal code", \.addressPostalCode,
             [.form, .detail, .searchFilter, .bulkFile, .flexPriceImport],
             rule: FieldRule(.addressPostalCode, max: 20, unit: .utf8Bytes)),
        text(.addressCountry, "AddressCountry", "Country", \.addressCountry, [.form, .detail, .list, .searchFilter, .bulkFile, .flexPriceImport],
             // len=2 runes and a key of the ISO 3166-1 alpha-2 map (upper case only).
             rule: FieldRule(.addressCountry, max: 2, unit: .codePoints, format: .countryCode)),
        text(.timezone, "Timezone", "Timezone", \.timezone, [.detail, .searchFilter, .bulkFile], inCustomer: .whenSet,
             // varchar(50); loadable IANA name.
             rule: FieldRule(.timezone, max: 50, unit: .codePoints, format: .timezone)),
        other(.metadata, "Metadata", "Metadata", column: "metadata", [.form, .detail, .bulkFile]),
        // ids are varchar(50) (`cust_` + 26-character ULID fits with room).
        text(.parentCustomerID, "ParentCustomerID", "Parent customer ID", \.parentCustomerID, [.form, .detail, .searchFilter],
             nullableColumn: true, inCustomer: .whenSet, rule: FieldRule(.parentCustomerID, max: 50, unit: .codePoints)),
        text(.parentCustomerExternalID, "ParentCustomerExternalID", "Parent external ID", \.parentCustomerExternalID,
             [.bulkFile], hasColumn: false, inCustomer: .never, rule: FieldRule(.parentCustomerExternalID, max: 255, unit: .codePoints)),
        other(.integrationEntityMapping, "IntegrationEntityMapping", "Integration mappings",
              column: "integration_entity_mapping", []),
        other(.taxRateOverrides, "TaxRateOverrides", "Tax rate overrides", column: "tax_rate_overrides", []),
    ]

    private static let byField: [CustomerField: FieldDescriptor] =
        Dictionary(uniqueKeysWithValues: all.map { ($0.field, $0) })

    public static subscript(field: CustomerField) -> FieldDescriptor { byField[field]! }

    private static let positions: [CustomerField: Int] =
        Dictionary(uniqueKeysWithValues: all.enumerated().map { ($0.element.field, $0.offset) })

    /// A field's place in catalogue (form) order.
    public static func position(of field: CustomerField) -> Int { positions[field]! }

    /// The text fields, in catalogue order.
    public static let textFields: [FieldDescriptor] = all.filter(\.isText)

    /// The fields shown in a place, in catalogue order.
    public static func fields(in place: FieldPlaces) -> [CustomerField] {
        all.filter { $0.places.contains(place) }.map(\.field)
    }

    /// The text fields the form edits (as text inputs), in form order.
    public static let formTextFields: [CustomerField] = textFields.filter { $0.places.contains(.form) && $0.field != .parentCustomerID }
        .map(\.field)

    /// The local store's columns for the fields, in catalogue order.
    public static let columns: [String] = all.compactMap(\.column)

    /// A text field; its column has the field's JSON name unless it has none.
    private static func text(_ field: CustomerField, _ goName: String, _ label: String,
                             _ path: WritableKeyPath<CustomerTexts, String?> & Sendable, _ places: FieldPlaces,
                             hasColumn: Bool = true, nullableColumn: Bool = false, inCustomer: CustomerPresence = .always,
                             rule: FieldRule) -> FieldDescriptor {
        FieldDescriptor(field: field, goName: goName, label: label, column: hasColumn ? field.rawValue : nil,
                        columnIsNullable: nullableColumn, rule: rule, places: places, text: path,
                        inCustomer: inCustomer)
    }

    private static func other(_ field: CustomerField, _ goName: String, _ label: String, column: String,
                              _ places: FieldPlaces) -> FieldDescriptor {
        FieldDescriptor(field: field, goName: goName, label: label, column: column, columnIsNullable: true,
                        rule: FieldRule(field, max: nil), places: places, text: nil, inCustomer: .never)
    }
}
