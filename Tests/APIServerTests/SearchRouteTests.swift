import APIServer
import CustomerKit
import Foundation
import Testing

@Suite("List and search")
struct SearchRouteTests {
    /// Five customers, created in this order: c1 ... c5 (so newest first is c5 ... c1).
    private func populate(_ api: APIClient) async throws {
        for body in [
            #"{"external_id":"c1","name":"Acme Corp","email":"billing@acme.com","address_city":"Berlin","metadata":{"tier":"gold"}}"#,
            #"{"external_id":"c2","name":"beta GmbH","email":"ops@beta.de","address_city":"MÜNCHEN","metadata":{"tier":"silver"}}"#,
            #"{"external_id":"c3","name":"Acme Labs","email":"labs@acme.io","address_country":"US"}"#,
            #"{"external_id":"c4","name":"Zeta","email":"z@zeta.dev","metadata":{"tier":"gold","region":"eu"}}"#,
            #"{"external_id":"c5","name":"acme retail","email":"shop@retail.com","address_city":"münchen"}"#,
        ] {
            try await api.create(body)
        }
    }

    private func search(_ api: APIClient, _ body: String) async throws -> Reply {
        try await api.send(.post, "/v1/customers/search", json: body)
    }

    private func filter(_ field: String, _ op: String, _ value: String) -> String {
        #"{"field":"\#(field)","operator":"\#(op)","data_type":"string","value":\#(value)}"#
    }

    @Test func paginationFollowsTheServersShape() async throws {
        try await APIHarness().run { api in
            try await populate(api)
            let page = try await search(api, #"{"limit":2,"offset":2}"#)
            #expect(page.externalIDs == ["c3", "c2"])
            #expect(page.list?.pagination == .init(total: 5, limit: 2, offset: 4))  // offset + limit
            let empty = try await search(api, "{}")
            #expect(empty.list?.pagination == .init(total: 5, limit: 50, offset: 50))
            let last = try await api.send(.get, "/v1/customers?limit=2&offset=4")
            #expect(last.externalIDs == ["c1"])
            #expect(try await api.send(.get, "/v1/customers?order=asc&limit=1").externalIDs == ["c1"])
            for bad in ["limit=-1", "limit=1001", "limit=ten", "offset=-3", "order=up", "offset=9223372036854775807",
                        "offset=99999999999999999999"] {
                let reply = try await api.send(.get, "/v1/customers?\(bad)")
                #expect(reply.status == 400, "\(bad)")
                #expect(reply.error?.message == "Invalid filter parameters", "\(bad)")
            }
            #expect(try await search(api, #"{"limit":1001}"#).details == ["limit": "must be between 1 and 1000"])
            let far = try await search(api, #"{"offset":2147483647,"limit":1000}"#)
            #expect(far.list?.pagination == .init(total: 5, limit: 1000, offset: 2_147_484_647))
            #expect(try await search(api, #"{"offset":9223372036854775807}"#).status == 400)
        }
    }

    @Test func everyOperator() async throws {
        try await APIHarness().run { api in
            try await populate(api)
            func ids(_ conditions: String...) async throws -> [String] {
                try await search(api, #"{"filters":[\#(conditions.joined(separator: ","))]}"#).externalIDs
            }
            #expect(try await ids(filter("name", "contains", #"{"string":"ACME"}"#)) == ["c5", "c3", "c1"])
            #expect(try await ids(filter("address_city", "contains", #"{"string":"münchen"}"#)) == ["c5", "c2"])
            #expect(try await ids(filter("name", "not_contains", #"{"string":"acme"}"#)) == ["c4", "c2"])
            #expect(try await ids(filter("email", "eq", #"{"string":"ops@beta.de"}"#)) == ["c2"])
            #expect(try await ids(filter("external_id", "in", #"{"array":["c1","c4","zz"]}"#)) == ["c4", "c1"])
            #expect(try await ids(filter("external_id", "not_in", #"{"array":["c1","c4"]}"#)) == ["c5", "c3", "c2"])
            #expect(try await ids(filter("name", "contains", #"{"string":"acme"}"#),
                                  filter("email", "contains", #"{"string":".com"}"#)) == ["c5", "c1"])
            let all = try await search(api, #"{"order":"asc"}"#).list!.items
            let third = all[2].createdAt.text
            #expect(try await ids(filter("created_at", "before", #"{"date":"\#(third)"}"#)) == ["c2", "c1"])
            #expect(try await ids(filter("created_at", "after", #"{"date":"\#(third)"}"#)) == ["c5", "c4"])
            #expect(try await ids(filter("created_at", "eq", #"{"date":"\#(third)"}"#)) == ["c3"])
            #expect(try await ids(filter("environment_id", "eq", #"{"string":"env_a"}"#)).count == 5)
            #expect(try await ids(filter("environment_id", "eq", #"{"string":"env_b"}"#)).isEmpty)
        }
    }

    @Test func topLevelFiltersAndMetadata() async throws {
        try await APIHarness().run { api in
            try await populate(api)
            #expect(try await search(api, #"{"external_id":"c3"}"#).externalIDs == ["c3"])
            #expect(try await search(api, #"{"email":"z@zeta.dev"}"#).externalIDs == ["c4"])
            #expect(try await search(api, #"{"external_ids":["c1","c2"]}"#).externalIDs == ["c2", "c1"])
            #expect(try await search(api, #"{"metadata":{"tier":"gold"}}"#).externalIDs == ["c4", "c1"])
            let ids = try await search(api, #"{"external_ids":["c1","c2"]}"#).list!.items.map(\.id)
            #expect(try await search(api, #"{"customer_ids":["\#(ids[0])"]}"#).externalIDs == ["c2"])
            // The same through GET's query parameters.
            let query = "metadata=%7B%22tier%22%3A%22gold%22%7D&external_ids=c1&external_ids=c4&external_ids=c5"
            #expect(try await api.send(.get, "/v1/customers?\(query)").externalIDs == ["c4", "c1"])
            #expect(try await api.send(.get, "/v1/customers?email=ops%40beta.de").externalIDs == ["c2"])
            let invalidEmail = try await api.send(.get, "/v1/customers?email=not+an+email")
            #expect(invalidEmail.status == 400)
            #expect(invalidEmail.details == ["email": "Please provide a valid email"])
        }
    }

    @Test func sortWithDirectionThenCreatedAt() async throws {
        try await APIHarness().run { api in
            try await populate(api)
            let byName = try await search(api, #"{"sort":[{"field":"name","direction":"asc"}]}"#)
            #expect(byName.externalIDs == ["c1", "c3", "c5", "c2", "c4"])
            let desc = try await search(api, #"{"sort":[{"field":"name","direction":"desc"}],"limit":2}"#)
            #expect(desc.externalIDs == ["c4", "c2"])
            let noDirection = try await search(api, #"{"sort":[{"field":"address_city"}],"order":"asc","limit":3}"#)
            #expect(noDirection.externalIDs == ["c3", "c4", "c1"])  // "" first, oldest first among equals
            // GET takes one JSON sort object per parameter; a plain column name is a 400, not a 500.
            let get = try await api.send(.get, "/v1/customers?sort=%7B%22field%22%3A%22name%22%7D&limit=1")
            #expect(get.externalIDs == ["c1"])
            let plain = try await api.send(.get, "/v1/customers?sort=name")
            #expect(plain.status == 400)
            #expect(plain.details == ["sort[0]": "must be a JSON object"])
        }
    }

    @Test func brokenConditionsAre400NamingThePart() async throws {
        try await APIHarness().run { api in
            let cases: [(String, String)] = [
                (#"{"field":"nope","operator":"eq","value":{"string":"x"}}"#, "filters[0].field"),
                (#"{"field":"name","operator":"eq"}"#, "filters[0].value"),       // live server: a bare 500
                (#"{"field":"name","value":{"string":"x"}}"#, "filters[0].operator"), // live server: dropped
                (#"{"field":"name","operator":"contains","value":{"number":3}}"#, "filters[0].value.string"),
                (#"{"field":"name","operator":"gt","value":{"number":3}}"#, "filters[0].operator"),
                (#"{"field":"name","operator":"before","value":{"date":"2026-01-01T00:00:00Z"}}"#, "filters[0].operator"),
                (#"{"field":"created_at","operator":"after","value":{"date":"yesterday"}}"#, "filters[0].value.date"),
                (#"{"field":"created_at","operator":"contains","value":{"string":"2026"}}"#, "filters[0].operator"),
                (#"{"field":"metadata","operator":"eq","value":{"string":"x"}}"#, "filters[0].field"),
                (#"{"field":"name","operator":"in","value":{"string":"x"}}"#, "filters[0].value.array"),
                (#"{"field":"name","operator":"like","value":{"string":"x"}}"#, "filters[0].operator"),
            ]
            for (condition, key) in cases {
                let reply = try await search(api, #"{"filters":[\#(condition)]}"#)
                #expect(reply.status == 400, "\(condition)")
                #expect(reply.error?.message == "Invalid filter parameters", "\(condition)")
                #expect(reply.details.keys.sorted() == [key], "\(condition): \(reply.text)")
            }
            let badSort = try await search(api, #"{"sort":[{"field":"name","direction":"up"}]}"#)
            #expect(badSort.details.keys.sorted() == ["sort[0].direction"])
            let badExpand = try await search(api, #"{"expand":"everything"}"#)
            #expect(badExpand.status == 400)
            let range = try await search(api, #"{"start_time":"2026-02-01T00:00:00Z","end_time":"2026-01-01T00:00:00Z"}"#)
            #expect(range.error?.message == "Please provide a valid time range")
            let oddTime = try await search(api, #"{"start_time":"soon"}"#)
            #expect(oddTime.details == ["start_time": "must be an RFC 3339 date-time"])
        }
    }

    @Test func statusSelectsArchivedCustomers() async throws {
        try await APIHarness().run { api in
            try await populate(api)
            let id = try await search(api, #"{"external_id":"c2"}"#).list!.items[0].id
            try await api.send(.delete, "/v1/customers/\(id)")
            #expect(try await search(api, "{}").list?.pagination.total == 4)
            #expect(try await search(api, #"{"status":"archived"}"#).externalIDs == ["c2"])
            #expect(try await search(api, #"{"status":"deleted"}"#).externalIDs.isEmpty)
        }
    }
}
