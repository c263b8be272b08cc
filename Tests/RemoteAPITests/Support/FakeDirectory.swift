import FlyingFox
import Foundation

/// A `POST /customers/search` body as the stub reads it.
struct SearchProbe: Decodable, Equatable, Sendable {
    var limit: Int?
    var offset: Int?
    var status: String?
    var externalID: String?
    var filters: [Filter]?
    var parentCustomerID: String?

    struct Filter: Decodable, Equatable, Sendable {
        var field: String
        var `operator`: String
        var dataType: String
        var value: [String: String]

        enum CodingKeys: String, CodingKey {
            case field, `operator`, dataType = "data_type", value
        }
    }

    enum CodingKeys: String, CodingKey {
        case limit, offset, status, externalID = "external_id", filters
        case parentCustomerID = "parent_customer_id"
    }
}

/// A tiny in-memory imitation of the server's search: status (default published), exact
/// external_id, `contains` filters combined with AND (case-insensitive), newest first, and
/// the server's pagination (`offset` in the answer is request offset + limit).
struct FakeDirectory: Sendable {
    struct Row: Sendable {
        var id: String
        var externalID: String
        var name: String
        var email: String
        /// Seconds after a fixed instant; larger is newer.
        var created: Int
        var status = "published"
    }

    var rows: [Row]

    static func timestamp(_ seconds: Int) -> String {
        let date = Date(timeIntervalSince1970: 1_780_000_000 + Double(seconds))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    func matches(_ probe: SearchProbe) -> [Row] {
        rows.filter { row in
            if row.status != (probe.status ?? "published") { return false }
            if let external = probe.externalID, row.externalID != external { return false }
            for filter in probe.filters ?? [] {
                let text = (filter.value["string"] ?? "").lowercased()
                let column: String
                switch filter.field {
                case "name": column = row.name
                case "email": column = row.email
                case "external_id": column = row.externalID
                default: return false
                }
                if filter.operator == "contains" && !column.lowercased().contains(text) { return false }
            }
            return true
        }
        // The server orders by created_at only; the id breaks ties in no particular order.
        .sorted { $0.created > $1.created }
    }

    func answer(_ request: RecordedRequest) -> HTTPResponse {
        guard request.method == "POST", request.path == "/v1/customers/search",
              let probe = try? request.decodeBody(SearchProbe.self) else {
            return .text(404, Fixtures.pageNotFound)
        }
        let limit = probe.limit ?? 50
        let offset = probe.offset ?? 0
        let found = matches(probe)
        let page = found.dropFirst(offset).prefix(limit).map { row in
            Fixtures.customer(id: row.id, externalID: row.externalID, name: row.name, email: row.email,
                              createdAt: Self.timestamp(row.created), status: row.status)
        }
        return .json(200, Fixtures.list(Array(page), total: found.count, limit: limit, requestOffset: offset))
    }
}
