import APIServer
import CustomerKit
import Foundation
import HTTPTypes
import LocalStore
import Testing

@Suite("Customer routes")
struct CustomerRouteTests {
    @Test func createReturns201WithTheCustomer() async throws {
        try await APIHarness().run { api in
            let reply = try await api.send(.post, "/v1/customers", json: """
                {"external_id":"user_1","name":"Acme Corporation","email":"billing@acme.com","address_country":"US",
                 "metadata":{"plan_tier":"enterprise"},"unknown_key":true}
                """)
            #expect(reply.status == 201)
            #expect(reply.header("Content-Type") == "application/json; charset=utf-8")
            let object = reply.object
            #expect((object["id"] as? String)?.hasPrefix("cust_") == true)
            #expect((object["id"] as? String)?.count == 31)
            #expect(object["external_id"] as? String == "user_1")
            #expect(object["status"] as? String == "published")
            #expect(object["environment_id"] as? String == "env_a")
            #expect(object["tenant_id"] as? String == LocalCustomerStore.defaultTenantID)
            #expect(object["timezone"] as? String == "UTC")
            #expect(object["created_by"] as? String == "api-test")
            #expect(object["metadata"] as? [String: String] == ["plan_tier": "enterprise"])
            #expect(object["parent_customer_id"] is NSNull)
            #expect(object["contact"] == nil)
            #expect(object["address_city"] as? String == "")
            #expect(Timestamp(rfc3339: object["created_at"] as? String ?? "") != nil)
        }
    }

    @Test func getByIDAndByExternalID() async throws {
        try await APIHarness().run { api in
            let created = try await api.create(#"{"external_id":"user 12/345","name":"Slash"}"#)
            let id = created["id"] as! String
            let byID = try await api.send(.get, "/v1/customers/\(id)")
            #expect(byID.status == 200)
            #expect(byID.customer?.name == "Slash")
            // The SDK leaves `/` unescaped: the rest of the path is the external id.
            let bySDKPath = try await api.send(.get, "/v1/customers/external/user%2012/345")
            #expect(bySDKPath.status == 200)
            #expect(bySDKPath.customer?.id == id)
            let escaped = try await api.send(.get, "/v1/customers/external/user%2012%2F345")
            #expect(escaped.customer?.id == id)
            // Empty segments are part of the id too: the whole rest of the path is taken.
            for odd in ["a//b", "end/", "/start"] {
                let made = try await api.create(jsonText(["external_id": odd]))
                let found = try await api.send(.get, "/v1/customers/external/" + odd)
                #expect(found.customer?.id == made["id"] as? String, "\(odd): \(found.text)")
            }
            #expect(try await api.send(.get, "/v1/customers/external/").text == "404 page not found")
            let missing = try await api.send(.get, "/v1/customers/external/nobody")
            #expect(missing.status == 404)
            #expect(missing.error == ErrorResponse(code: "not_found", message: "Customer with lookup key nobody was not found",
                                                   httpStatusCode: 404, details: ["lookup_key": "nobody"]))
            let unknown = try await api.send(.get, "/v1/customers/cust_NOPE")
            #expect(unknown.status == 404)
            #expect(unknown.details == ["customer_id": "cust_NOPE"])
        }
    }

    @Test func updateByPathByQueryIDAndByExternalID() async throws {
        try await APIHarness().run { api in
            let id = try await api.create(#"{"external_id":"u1","name":"Old","email":"a@b.co","metadata":{"k":"v"}}"#)["id"] as! String
            let byPath = try await api.send(.put, "/v1/customers/\(id)", json: #"{"name":"New","contact":"+1 555"}"#)
            #expect(byPath.status == 200)
            #expect(byPath.customer?.name == "New")
            #expect(byPath.customer?.email == "a@b.co")          // absent: unchanged
            #expect(byPath.customer?.metadata == ["k": "v"])
            let byQuery = try await api.send(.put, "/v1/customers?id=\(id)", json: #"{"metadata":{},"email":null}"#)
            #expect(byQuery.customer?.metadata == [:])           // replaced whole
            #expect(byQuery.customer?.email == "a@b.co")         // null: unchanged
            let byExternal = try await api.send(.put, "/v1/customers?external_customer_id=u1",
                                                json: #"{"external_id":"u1-renamed","contact":""}"#)
            #expect(byExternal.status == 200)
            #expect(byExternal.customer?.externalID == "u1-renamed")
            #expect(byExternal.customer?.contact == "")
            let both = try await api.send(.put, "/v1/customers?id=\(id)&external_customer_id=u1-renamed",
                                          json: #"{"name":"Both"}"#)
            #expect(both.status == 200)
            #expect(both.customer?.name == "Both")
        }
    }

    @Test func updateIdentifiersMustBeGivenAndAgree() async throws {
        try await APIHarness().run { api in
            let first = try await api.create(#"{"external_id":"one"}"#)["id"] as! String
            try await api.create(#"{"external_id":"two"}"#)
            let neither = try await api.send(.put, "/v1/customers", json: "{}")
            #expect(neither.status == 400)
            #expect(neither.error?.message.hasPrefix("Provide id as query parameter") == true)
            let disagree = try await api.send(.put, "/v1/customers?id=\(first)&external_customer_id=two", json: "{}")
            #expect(disagree.status == 400)
            #expect(disagree.error?.code == "validation_error")
            #expect(disagree.error?.message.contains("ensure both identifiers refer to the same customer") == true)
            let pathDisagrees = try await api.send(.put, "/v1/customers/\(first)?external_customer_id=two", json: "{}")
            #expect(pathDisagrees.status == 400)
            let unknownExternal = try await api.send(.put, "/v1/customers?external_customer_id=three", json: "{}")
            #expect(unknownExternal.status == 404)
            #expect(unknownExternal.details == ["lookup_key": "three"])
            let noBody = try await api.send(.put, "/v1/customers/\(first)")
            #expect(noBody.status == 400)
            #expect(noBody.error?.message == "Invalid request format")
        }
    }

    @Test func deleteIsSoftAnd204() async throws {
        try await APIHarness().run { api in
            let id = try await api.create(#"{"external_id":"gone"}"#)["id"] as! String
            let deleted = try await api.send(.delete, "/v1/customers/\(id)")
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            let byID = try await api.send(.get, "/v1/customers/\(id)")
            #expect(byID.customer?.status == .archived)
            #expect(try await api.send(.get, "/v1/customers/external/gone").status == 404)
            #expect(try await api.send(.get, "/v1/customers").list?.pagination.total == 0)
            #expect(try await api.send(.get, "/v1/customers?status=archived").externalIDs == ["gone"])
            let again = try await api.send(.delete, "/v1/customers/\(id)")
            #expect(again.status == 404)
            #expect(again.error?.message == "Customer does not exist")
            // The external id is free again.
            try await api.create(#"{"external_id":"gone"}"#)
        }
    }

    @Test func parentsWorkAsTheProductDocumentsSay() async throws {
        try await APIHarness().run { api in
            let parent = try await api.create(#"{"external_id":"parent"}"#)["id"] as! String
            let child = try await api.create(#"{"external_id":"child","parent_customer_external_id":"parent"}"#)
            #expect(child["parent_customer_id"] as? String == parent)
            let children = try await api.send(.get, "/v1/customers?parent_customer_ids=\(parent)")
            #expect(children.externalIDs == ["child"])
            let refused = try await api.send(.delete, "/v1/customers/\(parent)")
            #expect(refused.status == 400)
            #expect(refused.error?.code == "invalid_operation")
            let detached = try await api.send(.put, "/v1/customers?external_customer_id=child",
                                              json: #"{"parent_customer_id":""}"#)
            #expect(detached.customer?.parentCustomerID == nil)
        }
    }

    @Test func integrationMappingsAreKeptAndExpanded() async throws {
        try await APIHarness().run { api in
            let created = try await api.create("""
                {"external_id":"mapped","integration_entity_mapping":[{"entity_id":"cust_x","entity_type":"customer",
                 "provider_type":"stripe","provider_entity_id":"cus_123","metadata":{"a":1}}]}
                """)
            let id = created["id"] as! String
            #expect(created["integrations"] == nil)
            let expanded = try await api.send(.get, "/v1/customers/\(id)?expand=integrations").object
            let integrations = expanded["integrations"] as? [[String: Any]]
            #expect(integrations?.count == 1)
            #expect(integrations?.first?["provider_type"] as? String == "stripe")
            #expect(integrations?.first?["provider_entity_id"] as? String == "cus_123")
            #expect(integrations?.first?["environment_id"] as? String == "env_a")
            let listed = try await api.send(.post, "/v1/customers/search", json: #"{"expand":"integrations"}"#)
            #expect(listed.list?.items.first?.integrations?.count == 1)
            let byExternal = try await api.send(.get, "/v1/customers/external/mapped?expand=integrations")
            #expect(byExternal.customer?.integrations?.count == 1)
            let bad = try await api.send(.get, "/v1/customers/\(id)?expand=parent")
            #expect(bad.status == 400)
            #expect(bad.error?.message == "Field is not allowed to be expanded")
            #expect(bad.details == ["field": "parent"])
        }
    }

    @Test func healthAndOpenAPI() async throws {
        try await APIHarness().run { api in
            for method in [HTTPRequest.Method.get, .post] {
                let health = try await api.send(method, "/health", key: nil)
                #expect(health.status == 200)
                #expect(health.text == #"{"status":"ok"}"#)
            }
            let document = try await api.send(.get, "/v1/openapi.json")
            #expect(document.status == 200)
            #expect(document.body == OpenAPIDocument.data)
            #expect(try await api.send(.get, "/v1/openapi.json", key: nil).status == 401)
        }
    }
}
