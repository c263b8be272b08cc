import CustomerKit
import Foundation
import Testing

/// `customers list`: order, search, paging, status, and the human table.
@Suite struct ListTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    /// Four customers, created oldest first. Each search word below sits in a different field
    /// of different customers ("contoso": an email, a name, an external id).
    func seed() async throws -> [Customer] {
        var made: [Customer] = []
        for body in [
            ["external_id": "nw-001", "name": "Northwind Traders", "email": "buyer@contoso.test", "address_country": "US"],
            ["external_id": "ct-002", "name": "Contoso Ltd", "email": "ap@fabrikam.test", "address_country": "DE"],
            ["external_id": "CONTOSO-legacy", "name": "Fabrikam", "email": "billing@example.test"],
            ["external_id": "ts-004", "name": "Tailspin Toys", "email": "x@tailspin.test", "address_country": "FR"],
        ] {
            made.append(try await sandbox.createCustomer(body))
        }
        return made
    }

    @Test func newestFirstWithTheAPIsListShape() async throws {
        let made = try await seed()
        let result = try await sandbox.run("customers", "list", "--json")
        #expect(result.status == Exit.ok, "\(result)")
        let list = try result.list
        #expect(list.items.map(\.id) == made.reversed().map(\.id))
        #expect(list.items == made.reversed())
        #expect(list.pagination.total == 4)
        #expect(list.pagination.limit == 50)
        #expect(list.pagination.offset == 50)  // request offset + limit

        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(Set(object.keys) == ["items", "pagination"])
        let pagination = try #require(object["pagination"] as? [String: Any])
        #expect(Set(pagination.keys) == ["total", "limit", "offset"])
    }

    @Test func anEmptyStoreListsNothing() async throws {
        let json = try await sandbox.listJSON()
        #expect(json.items.isEmpty)
        #expect(json.pagination.total == 0)
        let object = try await sandbox.run("customers", "list", "--json")
        #expect(object.out.contains("\"items\":[]"))

        let human = try await sandbox.run("customers", "list")
        #expect(human.status == Exit.ok)
        #expect(human.out == "No customers.\n")
    }

    @Test(arguments: [
        // (search, external ids expected, newest first)
        ("contoso", ["CONTOSO-legacy", "ct-002", "nw-001"]),
        ("CONTOSO", ["CONTOSO-legacy", "ct-002", "nw-001"]),
        ("FaBrIkAm", ["CONTOSO-legacy", "ct-002"]),
        ("tailspin", ["ts-004"]),
        ("NW-0", ["nw-001"]),
        ("Legacy", ["CONTOSO-legacy"]),
        ("no-such-text", []),
    ])
    func searchMatchesNameEmailAndExternalIDIgnoringCase(search: String, expected: [String]) async throws {
        _ = try await seed()
        let list = try await sandbox.listJSON(["--search", search])
        #expect(list.items.map(\.externalID) == expected)
        #expect(list.pagination.total == expected.count)
    }

    @Test func limitAndOffsetPage() async throws {
        let made = try await seed()
        let newest = made.reversed().map(\.id)

        let cases: [(limit: Int, offset: Int, ids: ArraySlice<String>)] = [
            (2, 0, newest[0..<2]), (2, 2, newest[2..<4]), (3, 3, newest[3..<4]), (2, 4, []), (1, 1, newest[1..<2]),
        ]
        for (limit, offset, ids) in cases {
            let list = try await sandbox.listJSON(["--limit", "\(limit)", "--offset", "\(offset)"])
            #expect(list.items.map(\.id) == Array(ids), "limit \(limit) offset \(offset)")
            #expect(list.pagination.total == 4)
            #expect(list.pagination.limit == limit)
            #expect(list.pagination.offset == offset + limit, "limit \(limit) offset \(offset)")
        }

        let searched = try await sandbox.listJSON(["--search", "contoso", "--limit", "2", "--offset", "1"])
        #expect(searched.items.map(\.externalID) == ["ct-002", "nw-001"])
        #expect(searched.pagination.total == 3)
        #expect(searched.pagination.offset == 3)
    }

    @Test func theHumanTableHasAHeaderARowPerCustomerAndAPosition() async throws {
        let made = try await seed()
        let result = try await sandbox.run("customers", "list")
        #expect(result.status == Exit.ok, "\(result)")
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.last == "")  // ends with a newline
        let body = Array(lines.dropLast())
        #expect(body.count == 1 + 4 + 1, "\(result.out)")

        let header = body[0].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        #expect(header == "ID EXTERNAL ID NAME EMAIL COUNTRY CREATED")
        for (row, customer) in zip(body[1...4], made.reversed()) {
            #expect(row.hasPrefix(customer.id + " "), "\(row)")
            #expect(row.contains(customer.externalID))
            #expect(row.contains(customer.name))
            #expect(row.contains(customer.email))
            // Columns line up under the header.
            #expect(row.range(of: customer.externalID)?.lowerBound.utf16Offset(in: row)
                    == body[0].range(of: "EXTERNAL ID")?.lowerBound.utf16Offset(in: body[0]))
        }
        #expect(body[5] == "1\u{2013}4 of 4")

        let page = try await sandbox.run("customers", "list", "--limit", "2", "--offset", "2")
        let pageLines = page.out.split(separator: "\n").map(String.init)
        #expect(pageLines.count == 1 + 2 + 1)
        #expect(pageLines.last == "3\u{2013}4 of 4")
        #expect(pageLines[1].hasPrefix(made[1].id))

        let past = try await sandbox.run("customers", "list", "--offset", "10")
        #expect(past.status == Exit.ok)
        #expect(past.out == "No customers at offset 10 (4 in all).\n")
    }

    @Test func archivedCustomersListOnlyWithStatusArchived() async throws {
        let made = try await seed()
        let gone = made[1]
        let deleted = try await sandbox.run("customers", "delete", gone.id)
        #expect(deleted.status == Exit.ok, "\(deleted)")

        let published = try await sandbox.listJSON()
        #expect(!published.items.map(\.id).contains(gone.id))
        #expect(published.pagination.total == 3)

        let archived = try await sandbox.listJSON(["--status", "archived"])
        #expect(archived.items.map(\.id) == [gone.id])
        #expect(archived.items.first?.status == .archived)
        #expect(archived.pagination.total == 1)

        let explicit = try await sandbox.listJSON(["--status", "published"])
        #expect(explicit.items == published.items)

        let human = try await sandbox.run("customers", "list", "--status", "archived")
        #expect(human.out.contains(gone.id))
        #expect(human.out.hasSuffix("1\u{2013}1 of 1\n"))
    }

    @Test(arguments: [
        ["--status", "deleted"], ["--limit", "0"], ["--limit", "1001"], ["--offset=-1"], ["--offset", "-1"], ["--limit", "ten"],
    ])
    func badListOptionsAreUsageErrors(arguments: [String]) async throws {
        let result = try await sandbox.run(["customers", "list"] + arguments)
        #expect(result.status == Exit.usage, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(!result.err.isEmpty)
    }
}
