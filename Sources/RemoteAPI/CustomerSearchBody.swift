/// The body of `POST /customers/search` (the server's `types.CustomerFilter`, contract
/// section 8), with only the keys this client uses. Nil keys are left out of the JSON.
struct CustomerSearchBody: Sendable, Hashable, Encodable {
    var limit: Int?
    var offset: Int?
    var status: String?
    var externalID: String?
    /// Any of these external ids (an IN filter; an import's batch of lookups).
    var externalIDs: [String]?
    var filters: [FilterCondition]?
    /// Containment: every pair in the customer's metadata.
    var metadata: [String: String]?
    /// Sort keys before the server's final `created_at <order>` key.
    var sort: [SortKey]?
    /// The direction of that final key (`desc` unless sent).
    var order: String?

    enum CodingKeys: String, CodingKey {
        case limit, offset, status, externalID = "external_id", externalIDs = "external_ids", filters, metadata, sort, order
    }

    struct SortKey: Sendable, Hashable, Encodable {
        var field: String
        var direction: String
    }

    /// One condition of `filters`; the server combines several with AND.
    struct FilterCondition: Sendable, Hashable, Encodable {
        var field: String
        var `operator`: String
        var dataType: String
        var value: Value

        struct Value: Sendable, Hashable, Encodable {
            var string: String
        }

        enum CodingKeys: String, CodingKey {
            case field, `operator`, dataType = "data_type", value
        }

        /// Case-insensitive substring on a text column (SQL ILIKE on the server).
        static func contains(_ field: String, _ text: String) -> FilterCondition {
            FilterCondition(field: field, operator: "contains", dataType: "string", value: Value(string: text))
        }

        /// Exact text.
        static func equals(_ field: String, _ text: String) -> FilterCondition {
            FilterCondition(field: field, operator: "eq", dataType: "string", value: Value(string: text))
        }
    }
}
