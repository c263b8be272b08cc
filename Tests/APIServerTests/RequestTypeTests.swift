import APIServer
import CustomerKit
import Foundation
import Testing

/// Request bodies are held to the JSON types of the OpenAPI document: a value of another type
/// is a 400 whose `details` name it by its path (`integration_entity_mapping[0].metadata`),
/// so that nothing is stored that the official SDK then cannot read back.
@Suite("JSON types of request bodies")
struct RequestTypeTests {
    private func mapping(metadata: String) -> String {
        #"{"entity_id":"cust_x","entity_type":"customer","provider_type":"stripe","provider_entity_id":"cus_1","metadata":\#(metadata)}"#
    }

    @Test func integrationMappingMetadataMustBeAnObject() async throws {
        try await APIHarness().run { api in
            for bad in ["[1,2]", #""text""#, "7", "true"] {
                let create = try await api.send(.post, "/v1/customers",
                                                json: #"{"external_id":"m","integration_entity_mapping":[\#(mapping(metadata: bad))]}"#)
                #expect(create.status == 400, "\(bad): \(create.text)")
                #expect(create.error?.code == "validation_error")
                #expect(create.details.keys.sorted() == ["integration_entity_mapping[0].metadata"], "\(bad): \(create.text)")
            }
            try await api.create(#"{"external_id":"m"}"#)
            let update = try await api.send(.put, "/v1/customers?external_customer_id=m",
                                            json: #"{"integration_entity_mapping":[\#(mapping(metadata: "{}")),\#(mapping(metadata: "[]"))]}"#)
            #expect(update.status == 400)
            #expect(update.details.keys.sorted() == ["integration_entity_mapping[1].metadata"])
            // An object of any JSON, or nothing at all, is what the document allows.
            for good in [#"{"nested":{"a":[1,null,"x"]},"n":1.5}"#, "null", "{}"] {
                let ok = try await api.send(.put, "/v1/customers?external_customer_id=m",
                                            json: #"{"integration_entity_mapping":[\#(mapping(metadata: good))]}"#)
                #expect(ok.status == 200, "\(good): \(ok.text)")
            }
            let expanded = try await api.send(.post, "/v1/customers/search", json: #"{"expand":"integrations"}"#)
            let items = expanded.object["items"] as? [[String: Any]]
            let integrations = items?.first?["integrations"] as? [[String: Any]]
            #expect(integrations?.first?["metadata"] is [String: Any])
        }
    }

    /// Any value of the wrong type, anywhere in a body, is named by its path.
    @Test func wrongTypesAreNamedByTheirPath() async throws {
        try await APIHarness().run { api in
            let cases: [(String, String, String)] = [
                ("/v1/customers", #"{"external_id":7}"#, "external_id"),
                ("/v1/customers", #"{"external_id":"t","metadata":{"k":1}}"#, "metadata.k"),
                ("/v1/customers", #"{"external_id":"t","tax_rate_overrides":[{"priority":"1"}]}"#, "tax_rate_overrides[0].priority"),
                ("/v1/customers", #"{"external_id":"t","tax_rate_overrides":[{"auto_apply":1}]}"#, "tax_rate_overrides[0].auto_apply"),
                ("/v1/customers", #"{"external_id":"t","skip_onboarding_workflow":"yes"}"#, "skip_onboarding_workflow"),
                ("/v1/customers", #"{"external_id":"t","integration_entity_mapping":{}}"#, "integration_entity_mapping"),
                ("/v1/customers/search", #"{"limit":"10"}"#, "limit"),
                ("/v1/customers/search", #"{"filters":[{"field":"name","operator":"eq","value":{"string":5}}]}"#,
                 "filters[0].value.string"),
                ("/v1/customers/search", #"{"sort":[{"field":1}]}"#, "sort[0].field"),
                // Go's time.Time refuses "" in JSON (a query's empty start_time= is no value).
                ("/v1/customers/search", #"{"end_time":""}"#, "end_time"),
            ]
            for (path, body, key) in cases {
                let reply = try await api.send(.post, path, json: body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.details.keys.sorted() == [key], "\(body): \(reply.text)")
            }
            // null is what Go reads as "not given" for every field; the document says nullable.
            let nulls = try await api.send(.post, "/v1/customers/search",
                                           json: #"{"order":null,"sort":[{"field":"name","direction":null}],"end_time":null}"#)
            #expect(nulls.status == 200, "\(nulls.text)")
            #expect(try await api.send(.get, "/v1/customers?start_time=&end_time=&expand=").status == 200)
        }
    }
}
