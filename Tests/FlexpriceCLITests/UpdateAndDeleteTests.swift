import CustomerKit
import Foundation
import Testing

/// `customers update` (partial) and `customers delete` (soft).
@Suite struct UpdateAndDeleteTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    @Test func updateByIDChangesOnlyTheGivenKeys() async throws {
        let before = try await sandbox.createCustomer(fullBody())
        let change = try sandbox.writeJSON("change.json", [
            "name": "Augusta Ada King", "contact": "", "address_line2": "", "metadata": ["tier": "platinum"],
        ])
        let result = try await sandbox.run("customers", "update", before.id, "--file", change, "--json")
        #expect(result.status == Exit.ok, "\(result)")
        let after = try result.customer

        #expect(after.id == before.id)
        #expect(after.name == "Augusta Ada King")
        #expect((after.contact ?? "") == "")  // "" clears an optional field
        #expect(after.addressLine2 == "")
        #expect(after.metadata == ["tier": "platinum"])  // replaced whole: "region" is gone
        // Untouched.
        #expect(after.externalID == before.externalID)
        #expect(after.email == before.email)
        #expect(after.addressLine1 == before.addressLine1)
        #expect(after.addressCity == before.addressCity)
        #expect(after.addressState == before.addressState)
        #expect(after.addressPostalCode == before.addressPostalCode)
        #expect(after.addressCountry == before.addressCountry)
        #expect(after.timezone == before.timezone)
        #expect(after.createdAt == before.createdAt)
        #expect(after.updatedAt > before.updatedAt)
        #expect(after.status == .published)

        // Stored as printed.
        let stored = try await sandbox.run("customers", "get", before.id, "--json")
        #expect(try stored.customer == after)
    }

    @Test func updateByExternalIDFromStandardInputShowsTheResult() async throws {
        let before = try await sandbox.createCustomer(fullBody(externalID: "ext-upd"))
        let result = try await sandbox.run(["customers", "update", "--external-id", "ext-upd", "--file", "-"],
                                           stdin: #"{"address_city": "Cambridge", "metadata": {}}"#)
        #expect(result.status == Exit.ok, "\(result)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "Updated \(before.id)")
        let rows = detailRows(result.out)
        #expect(rows["City"] == "Cambridge")
        #expect(rows["Name"] == "Ada Lovelace")
        #expect(rows["Email"] == "ada@example.com")
        #expect(rows["Metadata"] == "(none)")  // {} clears the map
        #expect(detailMetadata(result.out).isEmpty)

        let stored = try await sandbox.run("customers", "get", "--external-id", "ext-upd", "--json")
        let after = try stored.customer
        #expect(after.addressCity == "Cambridge")
        #expect(after.metadata == [:])
        #expect(after.addressLine1 == before.addressLine1)
    }

    @Test func anEmptyUpdateChangesNothingButTheStamp() async throws {
        let before = try await sandbox.createCustomer(fullBody())
        let result = try await sandbox.run(["customers", "update", before.id, "--file", "-", "--json"], stdin: "{}")
        #expect(result.status == Exit.ok, "\(result)")
        var after = try result.customer
        #expect(after.updatedAt >= before.updatedAt)
        after.updatedAt = before.updatedAt
        #expect(after == before)
    }

    @Test func updateFailures() async throws {
        let a = try await sandbox.createCustomer(["external_id": "a-1", "name": "A", "email": "a@example.com"])
        try await sandbox.createCustomer(["external_id": "b-2", "name": "B"])

        let unknown = try await sandbox.run(["customers", "update", "cust_unknown", "--file", "-"], stdin: #"{"name":"x"}"#)
        #expect(unknown.status == Exit.notFound, "\(unknown)")
        #expect(unknown.err.contains("cust_unknown"))

        let unknownExternal = try await sandbox.run(["customers", "update", "--external-id", "zz", "--file", "-"],
                                                    stdin: #"{"name":"x"}"#)
        #expect(unknownExternal.status == Exit.notFound, "\(unknownExternal)")

        let taken = try await sandbox.run(["customers", "update", a.id, "--file", "-", "--json"],
                                          stdin: #"{"external_id":"b-2"}"#)
        #expect(taken.status == Exit.conflict, "\(taken)")
        #expect(try taken.errorJSON.code == "already_exists")

        let invalid = try await sandbox.run(["customers", "update", a.id, "--file", "-"],
                                            stdin: #"{"email":"not-an-email","name":"Changed"}"#)
        #expect(invalid.status == Exit.validation, "\(invalid)")
        #expect(invalid.err.contains("Email"))

        // Nothing above changed the customer.
        let stored = try await sandbox.run("customers", "get", a.id, "--json")
        #expect(try stored.customer == a)

        let noFile = try await sandbox.run("customers", "update", a.id)
        #expect(noFile.status == Exit.usage, "\(noFile)")
    }

    @Test func deleteArchivesAndTheIDStillShowsTheCustomer() async throws {
        let c = try await sandbox.createCustomer(fullBody(externalID: "to-go"))
        let deleted = try await sandbox.run("customers", "delete", c.id)
        #expect(deleted.status == Exit.ok, "\(deleted)")
        #expect(deleted.out == "Deleted \(c.id)\n")
        #expect(deleted.stderr.isEmpty)

        let json = try await sandbox.run("customers", "get", c.id, "--json")
        #expect(json.status == Exit.ok, "\(json)")
        let archived = try json.customer
        #expect(archived.status == .archived)
        #expect(archived.name == c.name)
        #expect(archived.updatedAt > c.updatedAt)

        let human = try await sandbox.run("customers", "get", c.id)
        #expect(detailRows(human.out)["Status"] == "archived")

        // Gone for lookups by external id.
        let byExternal = try await sandbox.run("customers", "get", "--external-id", "to-go")
        #expect(byExternal.status == Exit.notFound, "\(byExternal)")
    }

    @Test func deleteWithJSONPrintsNothing() async throws {
        let c = try await sandbox.createCustomer(["external_id": "quiet"])
        let result = try await sandbox.run("customers", "delete", c.id, "--json")
        #expect(result.status == Exit.ok, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        #expect(try await sandbox.listJSON(["--status", "archived"]).items.map(\.id) == [c.id])
    }

    @Test func deletingTwiceOrAnUnknownIDIsNotFound() async throws {
        let c = try await sandbox.createCustomer(["external_id": "twice"])
        #expect(try await sandbox.run("customers", "delete", c.id).status == Exit.ok)

        let again = try await sandbox.run("customers", "delete", c.id)
        #expect(again.status == Exit.notFound, "\(again)")
        #expect(again.err.contains("does not exist"))
        #expect(again.stdout.isEmpty)

        let againJSON = try await sandbox.run("customers", "delete", c.id, "--json")
        #expect(againJSON.status == Exit.notFound)
        #expect(try againJSON.errorJSON.code == "not_found")

        let unknown = try await sandbox.run("customers", "delete", "cust_never")
        #expect(unknown.status == Exit.notFound, "\(unknown)")
        #expect(unknown.err.contains("cust_never"))
    }

    @Test func aDeletedCustomersExternalIDCanBeUsedAgain() async throws {
        let old = try await sandbox.createCustomer(["external_id": "reuse-me", "name": "Old"])
        #expect(try await sandbox.run("customers", "delete", old.id).status == Exit.ok)

        let new = try await sandbox.createCustomer(["external_id": "reuse-me", "name": "New"])
        #expect(new.id != old.id)

        let found = try await sandbox.run("customers", "get", "--external-id", "reuse-me", "--json")
        #expect(try found.customer.id == new.id)
        #expect(try await sandbox.listJSON(["--status", "archived"]).items.map(\.id) == [old.id])
        #expect(try await sandbox.listJSON().items.map(\.id) == [new.id])
    }
}
