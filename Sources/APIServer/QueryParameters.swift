import CustomerKit
import Foundation

/// A request's query string as form values, decoded the way Go's `url.ParseQuery` (and so gin)
/// decodes it: `&`-separated `key=value` pairs, `+` is a space, `%XX` escapes. A pair that is
/// not valid percent-encoding keeps its raw text. Repeated keys keep every value, in order.
struct QueryParameters: Sendable {
    private(set) var pairs: [(key: String, value: String)] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let key: Substring
            let value: Substring
            if let equals = part.firstIndex(of: "=") {
                key = part[..<equals]
                value = part[part.index(after: equals)...]
            } else {
                key = part
                value = ""
            }
            pairs.append((Self.decode(key), Self.decode(value)))
        }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value of a key.
    subscript(_ key: String) -> String? { pairs.first { $0.key == key }?.value }

    /// Every value of a key.
    func all(_ key: String) -> [String] { pairs.filter { $0.key == key }.map(\.value) }
}

extension SearchRequest {
    /// `GET /customers` parameters: the same keys as the search body, as form values. `filters`
    /// and `sort` take one JSON object per repeated parameter, `metadata` one JSON object.
    init(query: QueryParameters) throws(APIError) {
        var problems: [String: String] = [:]
        func integer(_ key: String) -> Int? {
            guard let text = query[key], !text.isEmpty else { return nil }
            guard let value = Int(text) else {
                problems[key] = "must be an integer"
                return nil
            }
            return value
        }
        func json<T: Decodable>(_ type: T.Type, _ key: String, _ text: String) -> T? {
            do throws(APIError) {
                return try RequestBodyReader.decode(type, Data(text.utf8)) { details in
                    APIError.invalidFilter(details)
                }
            } catch {
                problems[key] = "must be a JSON object"
                return nil
            }
        }
        func list(_ key: String) -> [String]? {
            let values = query.all(key)
            return values.isEmpty ? nil : values
        }
        limit = integer("limit")
        offset = integer("offset")
        order = query["order"]
        status = query["status"]
        expand = query["expand"]
        externalID = query["external_id"]
        email = query["email"]
        customerIDs = list("customer_ids")
        externalIDs = list("external_ids")
        parentCustomerIDs = list("parent_customer_ids")
        // An empty form value is no value (gin binds it so); in a JSON body "" is a bad date-time.
        startTime = query["start_time"].flatMap { $0.isEmpty ? nil : $0 }
        endTime = query["end_time"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = query["metadata"], !text.isEmpty {
            metadata = json([String: String].self, "metadata", text)
        }
        let filterTexts = query.all("filters").filter { !$0.isEmpty }
        if !filterTexts.isEmpty {
            filters = filterTexts.enumerated().compactMap { json(FilterCondition.self, "filters[\($0)]", $1) }
        }
        let sortTexts = query.all("sort").filter { !$0.isEmpty }
        if !sortTexts.isEmpty {
            sort = sortTexts.enumerated().compactMap { json(SortSpec.self, "sort[\($0)]", $1) }
        }
        if !problems.isEmpty { throw APIError.invalidFilter(problems) }
    }
}
