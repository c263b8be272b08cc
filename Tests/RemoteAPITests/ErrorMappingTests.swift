import CustomerKit
import FlyingFox
import Foundation
import RemoteAPI
import Testing

/// Every error shape the live server (or a proxy before it) sends lands on the right case.
@Suite struct ErrorMappingTests {
    /// The error `operation` throws when the stub answers every request with `response`.
    func error(answering response: HTTPResponse, baseURLSuffix: String = "/v1",
               _ operation: @escaping @Sendable (RemoteCustomerClient) async throws(CustomerError) -> Void
                   = { client throws(CustomerError) in _ = try await client.customer(id: "cust_1") })
        async throws -> CustomerError {
        try await withStub({ _ in response }) { stub in
            let base = "http://127.0.0.1:\(stub.port)" + baseURLSuffix
            do throws(CustomerError) {
                try await operation(stub.client(baseURL: base))
            } catch {
                #expect(!error.message.contains(TestKeys.apiKey))
                return error
            }
            Issue.record("expected an error")
            return .invalidResponse(status: -1, message: "no error")
        }
    }

    static let createSomething: @Sendable (RemoteCustomerClient) async throws(CustomerError) -> Void = { client throws(CustomerError) in
        _ = try await client.create(CreateCustomerRequest(externalID: "user_12345", name: "Acme"))
    }

    @Test func validatorDetailsLandOnJSONFieldsInOperatorWords() async throws {
        let error = try await error(answering: .json(400, Fixtures.validationTwoFields), Self.createSomething)
        guard case .validation(let message, let fields) = error else { Issue.record("\(error)"); return }
        #expect(message == "Request validation failed")
        #expect(fields == ["name": "Name: required",
                           "address_country": FieldIssue(field: .addressCountry, kind: .invalidCountry).message])
        #expect(error.fieldErrors.keys.sorted() == [.name, .addressCountry])
    }

    @Test(arguments: [
        ("Email", "email", "email", "Email: not a valid email address"),
        ("Name", "max", "name", "Name: at most 255 characters"),
        ("AddressPostalCode", "max", "address_postal_code", "Postal code: at most 20 characters"),
        ("Contact", "max", "contact", "Contact: at most 20 characters"),
        ("AddressCountry", "len", "address_country", "Country: use a two-letter ISO 3166-1 code"),
        ("ExternalID", "required", "external_id", "External ID: required"),
        ("Timezone", "timezone", "timezone", "Timezone: not a known IANA time zone"),
    ])
    func oneFailingTagBecomesTheHeadline(goName: String, tag: String, key: String, words: String) async throws {
        let error = try await error(answering: .json(400, Fixtures.validationOneField(goName, tag: tag)),
                                    Self.createSomething)
        guard case .validation(let message, let fields) = error else { Issue.record("\(error)"); return }
        #expect(fields.keys.sorted() == [key])
        #expect(fields[key]?.hasPrefix(words) == true, "\(fields)")
        #expect(message == fields[key])
    }

    @Test func singleMessagesLandOnTheFieldTheyNameAndOthersOnNone() async throws {
        let line = try await error(answering: .json(400, Fixtures.addressLine1TooLong), Self.createSomething)
        #expect(line.code == "validation_error")
        #expect(line.message == "Address line 1 must be less than 255 characters")
        #expect(line.fieldErrors[.addressLine1]?.hasPrefix("Address line 1: at most 255 bytes") == true)

        let tax = try await error(answering: .json(400, Fixtures.gstinInvalid), Self.createSomething)
        #expect(tax.fieldErrors[.metadata] == #"GSTIN must be 15 characters, e.g. "27AAMCM4148E1ZD""#)

        let format = try await error(answering: .json(400, Fixtures.invalidRequestFormat), Self.createSomething)
        #expect(format == .validation(message: "Invalid request format", fields: [:]))

        let filter = try await error(answering: .json(400, Fixtures.invalidFilter)) { client throws(CustomerError) in
            _ = try await client.list(CustomerQuery())
        }
        #expect(filter == .validation(message: "Invalid filter parameters", fields: ["limit": "must be between 1 and 1000"]))
    }

    @Test func notFoundConflictAndRefusalKeepTheServersWords() async throws {
        let missing = try await error(answering: .json(404, Fixtures.notFoundByID))
        #expect(missing == .notFound(message: "Customer with ID cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3 was not found",
                                     details: ["customer_id": "cust_01K3B7Q9Z5M2X8D4N6P0R1S2T3"]))

        let lookup = try await error(answering: .json(404, Fixtures.notFoundByLookupKey)) { client throws(CustomerError) in
            _ = try await client.customer(externalID: "user_12345")
        }
        #expect(lookup.code == "not_found")
        #expect(lookup.details["lookup_key"] == "user_12345")

        let duplicate = try await error(answering: .json(409, Fixtures.alreadyExists), Self.createSomething)
        guard case .alreadyExists(let message, _) = duplicate else { Issue.record("\(duplicate)"); return }
        #expect(message == "A customer with this identifier already exists")
        #expect(duplicate.fieldErrors[.externalID]?.contains("user_12345") == true)

        let refused = try await error(answering: .json(400, Fixtures.invalidOperation)) { client throws(CustomerError) in
            try await client.delete(id: "cust_1")
        }
        #expect(refused == .invalidOperation(message: "Please cancel all subscriptions before deleting the customer",
                                             details: [:]))

        let database = try await error(answering: .json(500, Fixtures.databaseError))
        #expect(database == .server(code: "database_error", status: 500, message: "Failed to update customer", details: [:]))
    }

    @Test func authFailuresNameTheSettingToCheck() async throws {
        for body in [Fixtures.unauthorized, Fixtures.invalidToken] {
            let error = try await error(answering: .json(401, body))
            guard case .unauthorized(let message) = error else { Issue.record("\(error)"); continue }
            #expect(message.contains("FLEXPRICE_API_KEY"))
        }
        let environment = try await error(answering: .json(403, Fixtures.environmentDenied))
        guard case .forbidden(let envMessage) = environment else { Issue.record("\(environment)"); return }
        #expect(envMessage.hasPrefix("Access denied: Invalid or inaccessible environment"))
        #expect(envMessage.contains("FLEXPRICE_ENVIRONMENT_ID"))

        let permissions = try await error(answering: .json(403, Fixtures.insufficientPermissions)) { client throws(CustomerError) in
            try await client.delete(id: "cust_1")
        }
        guard case .forbidden(let permMessage) = permissions else { Issue.record("\(permissions)"); return }
        #expect(permMessage.hasPrefix("insufficient permissions"))
        #expect(permMessage.contains("customer:write"))
    }

    @Test func aMissingKeyFailsBeforeAnyRequest() async throws {
        try await withStub({ _ in .json(200, Fixtures.customer()) }) { stub in
            for key in [nil, ""] as [String?] {
                await #expect(throws: CustomerError.self) { _ = try await stub.client(apiKey: key).customer(id: "cust_1") }
                do throws(CustomerError) {
                    _ = try await stub.client(apiKey: key).customer(id: "cust_1")
                } catch {
                    #expect(error.code == "unauthorized")
                    #expect(error.message.contains("FLEXPRICE_API_KEY"))
                }
            }
            #expect(await stub.requests.isEmpty)
        }
    }

    @Test func anUnknownRouteSuggestsFixingTheV1Prefix() async throws {
        let lacking = try await error(answering: .text(404, Fixtures.pageNotFound), baseURLSuffix: "")
        guard case .invalidResponse(404, let message) = lacking else { Issue.record("\(lacking)"); return }
        #expect(message.contains("lacks /v1"))
        #expect(message.contains("404 page not found"))

        let doubled = try await error(answering: .text(404, Fixtures.pageNotFound), baseURLSuffix: "/v1/v1/")
        #expect(doubled.message.contains("extra /v1"))
    }

    @Test func nonJSONServerErrorsCarryTheStatusAndAShortCleanExcerpt() async throws {
        let proxy = try await error(answering: .html(502, Fixtures.proxyBadGateway))
        guard case .server(let code, 502, let message, _) = proxy else { Issue.record("\(proxy)"); return }
        #expect(code == "http_502")
        #expect(message.contains("502 Bad Gateway"))
        #expect(message.contains("nginx"))
        #expect(!message.contains("<"))
        #expect(!message.contains("color: red"))
        #expect(!message.contains("\n"))

        let empty = try await error(answering: .empty(500))
        #expect(empty == .server(code: "http_500", status: 500,
                                 message: "The server answered HTTP 500 (Internal Server Error) with an empty body",
                                 details: [:]))

        let odd = try await error(answering: .text(405, "method not allowed"))
        guard case .invalidResponse(405, let oddMessage) = odd else { Issue.record("\(odd)"); return }
        #expect(oddMessage.contains("method not allowed"))
    }

    @Test func aSuccessThatIsNotACustomerIsAnInvalidResponse() async throws {
        for body in ["<html>ok</html>", #"{"id":42}"#, ""] {
            let error = try await error(answering: .json(200, body))
            guard case .invalidResponse(200, let message) = error else { Issue.record("\(error)"); continue }
            #expect(message.contains("not a customer"))
        }
        let list = try await error(answering: .json(200, #"{"items":"nope"}"#)) { client throws(CustomerError) in
            _ = try await client.list(CustomerQuery())
        }
        #expect(list.code == "invalid_response")
    }

    @Test func redirectsAreNotFollowedSoAPutNeverBecomesAGet() async throws {
        try await withStub({ request in
            if request.path.hasPrefix("/elsewhere") { return .json(200, Fixtures.customer()) }
            // gin: 301 for GET, 307 otherwise.
            return .empty(request.method == "GET" ? 301 : 307,
                          headers: ["Location": "/elsewhere/customers/cust_1?token=abc"])
        }) { stub in
            let client = stub.client()
            do throws(CustomerError) {
                _ = try await client.update(.id("cust_1"), UpdateCustomerRequest(name: "N"))
                Issue.record("expected an error")
            } catch {
                guard case .invalidResponse(307, let message) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("redirected PUT /customers/cust_1"))
                #expect(message.contains("/elsewhere/customers/cust_1"))
                #expect(!message.contains("token=abc"))
            }
            do throws(CustomerError) {
                _ = try await client.customer(id: "cust_1")
                Issue.record("expected an error")
            } catch {
                #expect(error.httpStatus == 301)
                #expect(error.code == "invalid_response")
            }
            let sent = await stub.requests
            #expect(sent.map(\.method) == ["PUT", "GET"])
            #expect(sent.allSatisfy { !$0.path.hasPrefix("/elsewhere") })
        }
    }

    @Test func aServerEchoingTheKeyNeverGetsItIntoTheError() async throws {
        let echo = #"{"code":"validation_error","message":"bad key \#(TestKeys.apiKey)","http_status_code":400,"#
            + #""details":{"Name":"\#(TestKeys.apiKey)"}}"#
        let fromJSON = try await error(answering: .json(400, echo), Self.createSomething)
        #expect(!fromJSON.description.contains(TestKeys.apiKey))
        #expect(fromJSON.details.values.allSatisfy { !$0.contains(TestKeys.apiKey) })

        let fromHTML = try await error(answering: .html(502, "<h1>x-api-key: \(TestKeys.apiKey)</h1>"))
        #expect(!fromHTML.description.contains(TestKeys.apiKey))
        #expect(fromHTML.message.contains("<redacted>"))

        let from401 = try await error(answering: .json(401, #"{"error":"key \#(TestKeys.apiKey) unknown"}"#))
        #expect(!from401.description.contains(TestKeys.apiKey))
    }
}
