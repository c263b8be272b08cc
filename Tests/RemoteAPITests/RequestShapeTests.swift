import CustomerKit
import FlyingFox
import Foundation
import RemoteAPI
import Testing

/// What each operation puts on the wire: method, raw path and query, headers and body.
@Suite struct RequestShapeTests {
    static let customerOK: StubServer.Responder = { request in
        switch request.method {
        case "POST": .json(201, Fixtures.customer())
        case "DELETE": .empty(204)
        default: .json(200, Fixtures.customer())
        }
    }

    func expectStandardHeaders(_ request: RecordedRequest, body: Bool) {
        #expect(request.headers["x-api-key"] == TestKeys.apiKey)
        #expect(request.headers["x-environment-id"] == TestKeys.environmentID)
        #expect(request.headers["accept"] == "application/json")
        #expect(request.headers["user-agent"] == RemoteConfiguration.defaultUserAgent)
        #expect(request.headers["authorization"] == nil)
        if body {
            #expect(request.headers["content-type"] == "application/json")
        } else {
            #expect(request.headers["content-type"] == nil)
            #expect(request.body.isEmpty)
        }
    }

    @Test func createPostsTheRequestBodyAndDecodesThe201() async throws {
        try await withStub(Self.customerOK) { stub in
            let request = CreateCustomerRequest(externalID: "user_12345", name: "Acme Corporation",
                                                email: "billing@acme.com", addressCountry: "US",
                                                metadata: ["plan_tier": "enterprise"])
            let customer = try await stub.client().create(request)
            #expect(customer.id == Fixtures.customerID)
            #expect(customer.metadata == ["plan_tier": "enterprise"])
            let sent = try #require(await stub.requests.first)
            #expect(sent.method == "POST")
            #expect(sent.path == "/v1/customers")
            #expect(sent.query == "")
            expectStandardHeaders(sent, body: true)
            #expect(sent.bodyText == #"{"address_country":"US","email":"billing@acme.com","external_id":"user_12345","#
                    + #""metadata":{"plan_tier":"enterprise"},"name":"Acme Corporation"}"#)
        }
    }

    @Test func getByIDAndDeleteUseThePath() async throws {
        try await withStub(Self.customerOK) { stub in
            let client = stub.client()
            _ = try await client.customer(id: Fixtures.customerID)
            try await client.delete(id: Fixtures.customerID)
            let sent = await stub.requests
            #expect(sent.map(\.method) == ["GET", "DELETE"])
            #expect(sent.map(\.path) == ["/v1/customers/\(Fixtures.customerID)", "/v1/customers/\(Fixtures.customerID)"])
            for request in sent { expectStandardHeaders(request, body: false) }
        }
    }

    @Test(arguments: [
        ("user_12345", "user_12345"),
        ("user 12", "user%2012"),
        ("café 日本", "caf%C3%A9%20%E6%97%A5%E6%9C%AC"),
        ("a+b&c=d?e#f%g", "a%2Bb%26c%3Dd%3Fe%23f%25g"),
        ("..", "%2E%2E"),
        ("v1.2~x_y-z", "v1.2~x_y-z"),
    ])
    func getByExternalIDEncodesThePathSegment(externalID: String, encoded: String) async throws {
        try await withStub(Self.customerOK) { stub in
            _ = try await stub.client().customer(externalID: externalID)
            let sent = try #require(await stub.requests.first)
            #expect(sent.method == "GET")
            #expect(sent.path == "/v1/customers/external/\(encoded)")
            expectStandardHeaders(sent, body: false)
        }
    }

    @Test func anExternalIDWithASlashIsLookedUpBySearchAndChecked() async throws {
        let wanted = "user 12/345"
        try await withStub({ request in
            .json(200, Fixtures.list([Fixtures.customer(externalID: "user 12/345")], total: 1, limit: 2, requestOffset: 0))
        }) { stub in
            let customer = try await stub.client().customer(externalID: wanted)
            #expect(customer.externalID == wanted)
            let sent = try #require(await stub.requests.first)
            #expect(sent.method == "POST")
            #expect(sent.path == "/v1/customers/search")
            expectStandardHeaders(sent, body: true)
            let probe = try sent.decodeBody(SearchProbe.self)
            #expect(probe == SearchProbe(limit: 2, offset: 0, status: "published", externalID: wanted))
        }
        // A search answer for someone else is not taken for the customer asked for.
        try await withStub({ _ in
            .json(200, Fixtures.list([Fixtures.customer(externalID: "user 12/3456")], total: 1, limit: 2, requestOffset: 0))
        }) { stub in
            await #expect(throws: CustomerError.notFound(message: "Customer with lookup key user 12/345 was not found",
                                                         details: ["lookup_key": wanted])) {
                _ = try await stub.client().customer(externalID: wanted)
            }
        }
    }

    @Test func updateByIDSendsOnlyThePresentFields() async throws {
        try await withStub(Self.customerOK) { stub in
            var request = UpdateCustomerRequest(name: "Acme Corp (Updated)", metadata: ["tier": "gold"])
            request.addressLine2 = ""  // "" clears the line and must be sent
            _ = try await stub.client().update(.id(Fixtures.customerID), request)
            let sent = try #require(await stub.requests.first)
            #expect(sent.method == "PUT")
            #expect(sent.path == "/v1/customers/\(Fixtures.customerID)")
            #expect(sent.query == "")
            expectStandardHeaders(sent, body: true)
            #expect(sent.bodyText == #"{"address_line2":"","metadata":{"tier":"gold"},"name":"Acme Corp (Updated)"}"#)
        }
    }

    @Test func updateSendsMetadataWholeAndAnEmptyMapToClearIt() async throws {
        try await withStub(Self.customerOK) { stub in
            let client = stub.client()
            _ = try await client.update(.id("cust_1"), UpdateCustomerRequest(metadata: ["a": "1", "b": "2"]))
            _ = try await client.update(.id("cust_1"), UpdateCustomerRequest(metadata: [:]))
            _ = try await client.update(.id("cust_1"), UpdateCustomerRequest())
            let bodies = await stub.requests.map(\.bodyText)
            #expect(bodies == [#"{"metadata":{"a":"1","b":"2"}}"#, #"{"metadata":{}}"#, "{}"])
        }
    }

    @Test func updateByExternalIDUsesTheQueryAndEncodesIt() async throws {
        try await withStub(Self.customerOK) { stub in
            _ = try await stub.client().update(.externalID("user 12/345+é&x"), UpdateCustomerRequest(email: "new@acme.com"))
            let sent = try #require(await stub.requests.first)
            #expect(sent.method == "PUT")
            #expect(sent.path == "/v1/customers")
            #expect(sent.query == "external_customer_id=user%2012%2F345%2B%C3%A9%26x")
            #expect(sent.bodyText == #"{"email":"new@acme.com"}"#)
        }
    }

    @Test func anIDWithASlashIsUpdatedThroughTheQueryAndNeverFetchedByPath() async throws {
        try await withStub(Self.customerOK) { stub in
            let client = stub.client()
            _ = try await client.update(.id("odd/id"), UpdateCustomerRequest(name: "N"))
            await #expect(throws: CustomerError.self) { _ = try await client.customer(id: "odd/id") }
            await #expect(throws: CustomerError.self) { try await client.delete(id: "odd/id") }
            let sent = await stub.requests
            #expect(sent.count == 1)
            #expect(sent.first?.path == "/v1/customers")
            #expect(sent.first?.query == "id=odd%2Fid")
        }
    }

    @Test func aTrailingSlashOnTheBaseURLAndNoEnvironmentChangeNothingElse() async throws {
        try await withStub(Self.customerOK) { stub in
            let client = stub.client(environmentID: nil, baseURL: stub.baseURL + "/")
            _ = try await client.customer(id: "cust_1")
            let sent = try #require(await stub.requests.first)
            #expect(sent.path == "/v1/customers/cust_1")
            #expect(sent.headers["x-environment-id"] == nil)
            #expect(sent.headers["x-api-key"] == TestKeys.apiKey)
        }
    }

    @Test func aFailedCreateIsSentExactlyOnce() async throws {
        try await withStub({ _ in .html(502, Fixtures.proxyBadGateway) }) { stub in
            await #expect(throws: CustomerError.self) {
                _ = try await stub.client().create(CreateCustomerRequest(externalID: "user_1", name: "One"))
            }
            // One POST; after its ambiguous 502 only lookups by external id (which fail here too).
            let sent = await stub.requests.map { "\($0.method) \($0.path)" }
            #expect(sent.first == "POST /v1/customers")
            #expect(sent.dropFirst().allSatisfy { $0 == "GET /v1/customers/external/user_1" }, "\(sent)")
            #expect(sent.filter { $0.hasPrefix("POST") }.count == 1)
        }
    }

    @Test func invalidInputNeverReachesTheServer() async throws {
        try await withStub(Self.customerOK) { stub in
            let client = stub.client()
            await #expect(throws: CustomerError.self) {
                _ = try await client.create(CreateCustomerRequest(externalID: "x", email: "not-an-email"))
            }
            do throws(CustomerError) {
                _ = try await client.update(.id("cust_1"), UpdateCustomerRequest(addressCountry: "usa"))
                Issue.record("expected a validation error")
            } catch {
                #expect(error.fieldErrors[.addressCountry] != nil)
            }
            await #expect(throws: CustomerError.self) { _ = try await client.list(CustomerQuery(limit: 0)) }
            await #expect(throws: CustomerError.self) { _ = try await client.customer(externalID: "") }
            await #expect(throws: CustomerError.self) { _ = try await client.customer(id: "") }
            #expect(await stub.requests.isEmpty)
        }
    }
}
