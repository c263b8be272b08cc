import APIServer
import CustomerKit
import Foundation
import Testing

/// Everything inside the advertised search limits runs (it used to be a 500 carrying SQLite's
/// "Expression tree is too large"), and one past a limit is a 400 that names it.
@Suite("Search at its limits")
struct SearchLimitTests {
    private func search(_ api: APIClient, _ body: [String: Any]) async throws -> Reply {
        try await api.send(.post, "/v1/customers/search", json: jsonText(body))
    }

    private func condition(_ field: String, _ op: String, _ value: [String: Any]) -> [String: Any] {
        ["field": field, "operator": op, "data_type": "string", "value": value]
    }

    @Test func aThousandDifferentConditionsRun() async throws {
        try await APIHarness().run { api in
            try await api.create(#"{"external_id":"hit","name":"Acme Corp","address_city":"Berlin"}"#)
            try await api.create(#"{"external_id":"miss","name":"Other","address_city":"Paris"}"#)
            // Distinct conditions (a repeated one is dropped): text without a folded copy, the
            // trigram index, an id list.
            var filters: [[String: Any]] = (0..<997).map {
                condition("address_city", "not_contains", ["string": "nowhere \($0)"])
            }
            filters.append(condition("name", "contains", ["string": "acme"]))
            filters.append(condition("name", "contains", ["string": "corp"]))
            filters.append(condition("external_id", "in", ["array": ["hit", "x", "y"]]))
            #expect(filters.count == SearchTranslationLimits.filters)
            let reply = try await search(api, ["filters": filters])
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.externalIDs == ["hit"])

            filters.append(condition("name", "eq", ["string": "Acme Corp"]))
            let over = try await search(api, ["filters": filters])
            #expect(over.status == 400)
            #expect(over.details == ["filters": "at most 1000 conditions"])
        }
    }

    @Test func aThousandMetadataPairsRun() async throws {
        try await APIHarness().run { api in
            var pairs: [String: String] = [:]
            for index in 0..<1000 { pairs["key\(index)"] = "value \(index)" }
            try await api.create(jsonText(["external_id": "all", "metadata": pairs]))
            try await api.create(jsonText(["external_id": "some", "metadata": ["key1": "value 1"]]))
            let reply = try await search(api, ["metadata": pairs])
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.externalIDs == ["all"])
            let query = try await api.send(.get, "/v1/customers?metadata="
                + jsonText(pairs).addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            #expect(query.externalIDs == ["all"], "\(query.text)")

            pairs["one more"] = "x"
            let over = try await search(api, ["metadata": pairs])
            #expect(over.status == 400)
            #expect(over.details == ["metadata": "at most 1000 pairs"])
        }
    }

    @Test func aThousandSortKeysRun() async throws {
        try await APIHarness().run { api in
            try await api.create(#"{"external_id":"b","name":"same","address_city":"a"}"#)
            try await api.create(#"{"external_id":"a","name":"same","address_city":"b"}"#)
            try await api.create(#"{"external_id":"c","name":"first","address_city":"c"}"#)
            // name, then external_id, then every column again and again: only the first key on a
            // column can change the order.
            let columns = ["name", "external_id", "address_city", "email", "contact", "timezone", "status", "id"]
            var sort: [[String: Any]] = (0..<1000).map {
                ["field": columns[$0 % columns.count], "direction": $0 % 3 == 0 ? "asc" : "desc"]
            }
            #expect(sort.count == SearchTranslationLimits.sortKeys)
            let reply = try await search(api, ["sort": sort])
            #expect(reply.status == 200, "\(reply.text)")
            // name asc (first, same, same), then external_id desc for the two "same".
            #expect(reply.externalIDs == ["c", "b", "a"])

            sort.append(["field": "name"])
            let over = try await search(api, ["sort": sort])
            #expect(over.status == 400)
            #expect(over.details == ["sort": "at most 1000 keys"])
        }
    }

    @Test func tenThousandListValuesRunAndOneMoreIsRefused() async throws {
        try await APIHarness().run { api in
            let parent = try await api.create(#"{"external_id":"parent"}"#)
            let parentID = try #require(parent["id"] as? String)
            try await api.create(jsonText(["external_id": "child", "parent_customer_id": parentID]))
            func values(_ prefix: String, _ real: String) -> [String] { [real] + (1..<1000).map { "\(prefix)\($0)" } }
            // 2 lists and 8 conditions of 1,000 values each: the 10,000 values allowed in all.
            var body: [String: Any] = [
                "external_ids": values("ext_", "child"),
                "parent_customer_ids": values("cust_p", parentID),
                "filters": ["id", "name", "email", "address_line1", "address_line2", "timezone", "contact", "address_city"]
                    .map { condition($0, "not_in", ["array": values("nothing-", "none")]) },
            ]
            let reply = try await search(api, body)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.externalIDs == ["child"])

            body["customer_ids"] = ["one more"]
            let over = try await search(api, body)
            #expect(over.status == 400)
            #expect(over.details == ["filters": "at most 10000 values in all"])
            let tooLong = try await search(api, ["external_ids": (0...1000).map { "e\($0)" }])
            #expect(tooLong.details == ["external_ids": "at most 1000 values"])
        }
    }
}

/// The limits as the tests expect them (the README and the OpenAPI document say the same).
enum SearchTranslationLimits {
    static let filters = 1000
    static let sortKeys = 1000
}
