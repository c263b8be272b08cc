/// The body of `POST /customers/search`, and what `GET /customers` query parameters are read
/// into: the live server's `types.CustomerFilter` (contract sections 7 and 8). Every key is
/// optional; `{}` lists the first page of published customers.
struct SearchRequest: Decodable, Sendable {
    var limit: Int?
    var offset: Int?
    var order: String?
    var status: String?
    var expand: String?
    var externalID: String?
    var email: String?
    var customerIDs: [String]?
    var externalIDs: [String]?
    /// Children of these customers (the product documents' parent customers; not on the live server).
    var parentCustomerIDs: [String]?
    var metadata: [String: String]?
    var startTime: String?
    var endTime: String?
    var filters: [FilterCondition]?
    var sort: [SortSpec]?

    enum CodingKeys: String, CodingKey {
        case limit, offset, order, status, expand, email, metadata, filters, sort
        case externalID = "external_id", customerIDs = "customer_ids", externalIDs = "external_ids"
        case parentCustomerIDs = "parent_customer_ids", startTime = "start_time", endTime = "end_time"
    }

    /// `{"field", "operator", "data_type", "value": {...}}`.
    struct FilterCondition: Decodable, Sendable {
        var field: String?
        var `operator`: String?
        /// Accepted and not used, as on the live server: the column decides the type.
        var dataType: String?
        var value: FilterValue?

        enum CodingKeys: String, CodingKey {
            case field, `operator`, dataType = "data_type", value
        }
    }

    struct FilterValue: Decodable, Sendable {
        var string: String?
        var number: Double?
        var boolean: Bool?
        var date: String?
        var array: [String]?
    }

    /// `{"field", "direction": "asc"|"desc"}`; direction defaults to asc.
    struct SortSpec: Decodable, Sendable {
        var field: String?
        var direction: String?
    }
}
