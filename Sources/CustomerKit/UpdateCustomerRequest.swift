/// The body of `PUT /customers/...`: a partial update.
///
/// A nil value is absent (the field stays as it is). A present string replaces the value,
/// and `""` clears an optional field (product documents). `metadata` replaces the whole map;
/// `[:]` clears it. `parent_customer_id: ""` detaches the parent. Text fields are reached by
/// name (`request.name`) through `texts`.
@dynamicMemberLookup
public struct UpdateCustomerRequest: CustomerWriteRequest, Codable {
    public var texts = CustomerTexts()
    public var metadata: [String: String]?
    public var integrationEntityMapping: [IntegrationEntityMapping]?

    public init() {}

    /// True when the request would change nothing.
    public var isEmpty: Bool { self == UpdateCustomerRequest() }

    /// The fields this request would change, in catalogue order.
    public var fields: [CustomerField] {
        FieldCatalogue.all.map(\.field).filter { field in
            switch field {
            case .metadata: metadata != nil
            case .integrationEntityMapping: integrationEntityMapping != nil
            default: texts[field] != nil
            }
        }
    }

    /// Whether `customer` already holds everything this request sets, as far as a customer
    /// shows it: how a repeated conditional update tells its own lost first copy from a rival's
    /// save. A parent named by external id or integration mappings cannot be compared, so a
    /// request with them is never taken as applied (the operator is asked instead).
    public func isApplied(to customer: Customer) -> Bool {
        guard texts.parentCustomerExternalID == nil, integrationEntityMapping == nil else { return false }
        if let metadata, metadata != (customer.metadata ?? [:]) { return false }
        return texts.present.allSatisfy { field, value in
            (customer.texts[field] ?? "") == CustomerTexts.stored(value, in: field)
        }
    }

    public init(from decoder: Decoder) throws {
        self.init()
        try decoder.container(keyedBy: AnyCodingKey.self).decodeShared(into: &self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encodeShared(self)
    }
}
