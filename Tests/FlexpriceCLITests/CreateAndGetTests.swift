import CustomerKit
import Foundation
import Testing

/// `customers create` and `customers get` against the embedded store, through the real binary.
@Suite struct CreateAndGetTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    @Test func createFromAFileWithJSONPrintsTheCustomerAsSent() async throws {
        let file = try sandbox.writeJSON("new.json", fullBody())
        let result = try await sandbox.run("customers", "create", "--file", file, "--json")
        #expect(result.status == Exit.ok, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        // Not a terminal: one compact JSON document and a newline.
        #expect(result.out.hasSuffix("}\n"))
        #expect(result.out.dropLast().contains("\n") == false)

        let c = try result.customer
        #expect(isCustomerID(c.id), "\(c.id)")
        #expect(c.externalID == "acct-1001")
        #expect(c.name == "Ada Lovelace")
        #expect(c.email == "ada@example.com")
        #expect(c.contact == "+44 20 7946 0000")
        #expect(c.addressLine1 == "12 Analytical Row")
        #expect(c.addressLine2 == "Floor 2")
        #expect(c.addressCity == "London")
        #expect(c.addressState == "Greater London")
        #expect(c.addressPostalCode == "NW1 6XE")
        #expect(c.addressCountry == "GB")
        #expect(c.timezone == "Europe/London")
        #expect(c.metadata == ["tier": "gold", "region": "emea"])
        #expect(c.status == .published)
        #expect(c.createdBy == Sandbox.user)
        #expect(c.updatedBy == Sandbox.user)
        #expect(c.createdAt == c.updatedAt)

        // The API's key names, not Swift's.
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        for key in ["id", "external_id", "name", "email", "address_line1", "address_postal_code", "address_country",
                    "metadata", "environment_id", "tenant_id", "status", "created_at", "updated_at", "created_by",
                    "updated_by"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object.keys.allSatisfy { !$0.contains(where: \.isUppercase) })
    }

    @Test func createFromStandardInputShowsTheFieldsToAPerson() async throws {
        let body = try JSONSerialization.data(withJSONObject: fullBody(externalID: "stdin-7"))
        let result = try await sandbox.run(["customers", "create", "--file", "-"],
                                           stdin: String(decoding: body, as: UTF8.self))
        #expect(result.status == Exit.ok, "\(result)")
        #expect(result.stderr.isEmpty)

        let lines = result.out.split(separator: "\n").map(String.init)
        let first = try #require(lines.first)
        #expect(first.hasPrefix("Created cust_"))
        let id = String(first.dropFirst("Created ".count))
        #expect(isCustomerID(id), "\(id)")

        let rows = detailRows(result.out)
        #expect(rows["ID"] == id)
        #expect(rows["External ID"] == "stdin-7")
        #expect(rows["Name"] == "Ada Lovelace")
        #expect(rows["Email"] == "ada@example.com")
        #expect(rows["Contact"] == "+44 20 7946 0000")
        #expect(rows["Address line 1"] == "12 Analytical Row")
        #expect(rows["City"] == "London")
        #expect(rows["Postal code"] == "NW1 6XE")
        #expect(rows["Country"] == "GB United Kingdom")
        #expect(rows["Timezone"] == "Europe/London")
        #expect(rows["Status"] == "published")
        #expect(rows["Created"]?.hasSuffix("by \(Sandbox.user)") == true)
        #expect(detailMetadata(result.out) == ["tier": "gold", "region": "emea"])

        // And it was stored: the same customer comes back by id.
        let stored = try await sandbox.run("customers", "get", id, "--json")
        #expect(stored.status == Exit.ok, "\(stored)")
        #expect(try stored.customer.externalID == "stdin-7")
    }

    @Test func aMinimalBodyNeedsOnlyTheExternalID() async throws {
        let created = try await sandbox.createCustomer(["external_id": "bare"])
        #expect(created.externalID == "bare")
        #expect(created.name == "")
        #expect(created.metadata == nil)
        #expect(created.timezone == "UTC")
    }

    @Test func getByIDAndByExternalIDGiveTheCreatedCustomer() async throws {
        let created = try await sandbox.createCustomer(fullBody(externalID: "lookup-me"))

        let byID = try await sandbox.run("customers", "get", created.id, "--json")
        #expect(byID.status == Exit.ok, "\(byID)")
        #expect(try byID.customer == created)

        let byExternal = try await sandbox.run("customers", "get", "--external-id", "lookup-me", "--json")
        #expect(byExternal.status == Exit.ok, "\(byExternal)")
        #expect(try byExternal.customer == created)
        #expect(byExternal.stdout == byID.stdout)

        let human = try await sandbox.run("customers", "get", "--external-id", "lookup-me")
        #expect(human.status == Exit.ok, "\(human)")
        let rows = detailRows(human.out)
        #expect(rows["ID"] == created.id)
        #expect(rows["Name"] == "Ada Lovelace")
        #expect(rows["Status"] == "published")
    }

    @Test func anUnknownIDIsNotFoundAndNamed() async throws {
        let missing = "cust_01JZZZZZZZZZZZZZZZZZZZZZZZ"
        let human = try await sandbox.run("customers", "get", missing)
        #expect(human.status == Exit.notFound, "\(human)")
        #expect(human.stdout.isEmpty)
        #expect(human.err.hasPrefix("error: "))
        #expect(human.err.contains(missing))
        #expect(human.err.contains("not found"))

        let json = try await sandbox.run("customers", "get", missing, "--json")
        #expect(json.status == Exit.notFound, "\(json)")
        #expect(json.stdout.isEmpty)
        let error = try json.errorJSON
        #expect(error.code == "not_found")
        #expect(error.httpStatusCode == 404)
        #expect(error.message.contains(missing))
        #expect(error.details?["customer_id"] == missing)
        // Exactly the FlexPrice error keys.
        let object = try #require(try JSONSerialization.jsonObject(with: json.stderr) as? [String: Any])
        #expect(Set(object.keys) == ["code", "message", "http_status_code", "details"])
    }

    @Test func anUnknownExternalIDIsNotFoundAndNamed() async throws {
        let human = try await sandbox.run("customers", "get", "--external-id", "nobody-here")
        #expect(human.status == Exit.notFound, "\(human)")
        #expect(human.err.contains("nobody-here"))

        let json = try await sandbox.run("customers", "get", "--external-id", "nobody-here", "--json")
        #expect(json.status == Exit.notFound)
        let error = try json.errorJSON
        #expect(error.code == "not_found")
        #expect(error.details?["lookup_key"] == "nobody-here")
    }

    @Test func theNotFoundDetailIsNotRepeated() async throws {
        let human = try await sandbox.run("customers", "get", "cust_nope")
        #expect(human.status == Exit.notFound)
        #expect(!human.err.contains("customer_id: customer_id:"), "\(human.err)")
    }

    @Test func getNeedsExactlyOneOfIDAndExternalID() async throws {
        let neither = try await sandbox.run("customers", "get")
        #expect(neither.status == Exit.usage, "\(neither)")
        #expect(neither.err.contains("Give a customer id or --external-id."), "\(neither.err)")

        let both = try await sandbox.run("customers", "get", "cust_x", "--external-id", "y")
        #expect(both.status == Exit.usage, "\(both)")
        #expect(both.err.contains("not both"))

        let updateNeither = try await sandbox.run(["customers", "update", "--file", "-"], stdin: "{}")
        #expect(updateNeither.status == Exit.usage, "\(updateNeither)")
        #expect(updateNeither.err.contains("Give a customer id or --external-id."))
    }

    @Test func aDuplicateExternalIDIsAConflict() async throws {
        try await sandbox.createCustomer(["external_id": "dup-1", "name": "First"])
        let file = try sandbox.writeJSON("dup.json", ["external_id": "dup-1", "name": "Second"])

        let human = try await sandbox.run("customers", "create", "--file", file)
        #expect(human.status == Exit.conflict, "\(human)")
        #expect(human.stdout.isEmpty)
        #expect(human.err.contains("already exists"))
        #expect(human.err.contains("dup-1"))

        let json = try await sandbox.run("customers", "create", "--file", file, "--json")
        #expect(json.status == Exit.conflict)
        let error = try json.errorJSON
        #expect(error.code == "already_exists")
        #expect(error.httpStatusCode == 409)
        #expect(error.details?["external_id"] == "dup-1")

        #expect(try await sandbox.listJSON().pagination.total == 1)
    }
}
