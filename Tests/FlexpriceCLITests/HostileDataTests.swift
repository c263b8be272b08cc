import CustomerKit
import Foundation
import Testing

/// Customer data may hold terminal escapes and bidi overrides. People see them escaped;
/// `--json` keeps them exactly.
@Suite struct HostileDataTests {
    let sandbox: Sandbox
    init() throws { sandbox = try Sandbox() }

    static let name = "Mallory\u{1B}[2J\u{202E}gnp.exe"
    static let externalID = "evil-\u{1B}]0;owned\u{07}"
    static let city = "Zero\u{200B}Width\u{9B}31m"

    /// ESC, BEL, CSI (U+009B) and the bidi override U+202E (E2 80 AE), and the zero-width space.
    static let rawSequences: [[UInt8]] = [[0x1B], [0x07], [0xC2, 0x9B], [0xE2, 0x80, 0xAE], [0xE2, 0x80, 0x8B]]

    func expectNoRawControls(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) {
        for bytes in Self.rawSequences {
            #expect(!contains(data, bytes), "raw \(bytes) in: \(String(decoding: data, as: UTF8.self))",
                    sourceLocation: sourceLocation)
        }
    }

    func makeHostile() async throws -> (Customer, Data) {
        let body = ["external_id": Self.externalID, "name": Self.name, "email": "m@example.com",
                    "address_city": Self.city, "metadata": ["note\u{1B}[1m": "bold\u{202E}"]] as [String: Any]
        let file = try sandbox.writeJSON("hostile.json", body)
        let result = try await sandbox.run("customers", "create", "--file", file)
        #expect(result.status == Exit.ok, "\(result)")
        let id = String(try #require(result.out.split(separator: "\n").first).dropFirst("Created ".count))
        let json = try await sandbox.run("customers", "get", id, "--json")
        return (try json.customer, result.stdout)
    }

    @Test func jsonRoundTripsTheTextExactly() async throws {
        let (c, _) = try await makeHostile()
        #expect(c.name == Self.name)
        #expect(c.externalID == Self.externalID)
        #expect(c.addressCity == Self.city)
        #expect(c.metadata == ["note\u{1B}[1m": "bold\u{202E}"])

        // Found again by the exact external id, and by searching for part of the name.
        let byExternal = try await sandbox.run("customers", "get", "--external-id", Self.externalID, "--json")
        #expect(try byExternal.customer == c)
        let listed = try await sandbox.listJSON(["--search", "mallory"])
        #expect(listed.items == [c])
        // JSON escapes C0 controls; nothing in it acts on a terminal except as JSON text.
        #expect(!contains(byExternal.stdout, [0x1B]))
        #expect(!contains(byExternal.stdout, [0x07]))
    }

    @Test func peopleSeeEscapesInTheDetailBlock() async throws {
        let (c, createdOutput) = try await makeHostile()
        expectNoRawControls(createdOutput)

        let human = try await sandbox.run("customers", "get", c.id)
        #expect(human.status == Exit.ok, "\(human)")
        expectNoRawControls(human.stdout)
        let rows = detailRows(human.out)
        #expect(rows["Name"] == "Mallory^[[2J<U+202E>gnp.exe")
        #expect(rows["External ID"] == "evil-^[]0;owned^G")
        #expect(rows["City"] == "Zero<U+200B>Width<U+009B>31m")
        #expect(human.out.contains("note^[[1m = bold<U+202E>"))

        let updated = try await sandbox.run(["customers", "update", c.id, "--file", "-"],
                                            stdin: #"{"address_state":"\u001b[5mBlink"}"#)
        #expect(updated.status == Exit.ok, "\(updated)")
        expectNoRawControls(updated.stdout)
        #expect(detailRows(updated.out)["State"] == "^[[5mBlink")
    }

    @Test func peopleSeeEscapesInTheTable() async throws {
        let (c, _) = try await makeHostile()
        let table = try await sandbox.run("customers", "list")
        #expect(table.status == Exit.ok, "\(table)")
        expectNoRawControls(table.stdout)
        let row = try #require(table.out.split(separator: "\n").first { $0.hasPrefix(c.id) })
        #expect(row.contains("Mallory^[[2J<U+202E>gnp.exe"))
        #expect(row.contains("evil-^[]0;owned^G"))
    }

    @Test func errorsAboutHostileTextAreEscapedToo() async throws {
        let key = "ghost\u{1B}[2J\u{202E}"
        let human = try await sandbox.run("customers", "get", "--external-id", key)
        #expect(human.status == Exit.notFound, "\(human)")
        expectNoRawControls(human.stderr)
        #expect(human.err.contains("ghost^[[2J<U+202E>"))

        let json = try await sandbox.run("customers", "get", "--external-id", key, "--json")
        #expect(json.status == Exit.notFound)
        #expect(!contains(json.stderr, [0x1B]))
        #expect(try json.errorJSON.details?["lookup_key"] == key)

        let deleted = try await sandbox.run("customers", "delete", "cust_\u{1B}[2J")
        #expect(deleted.status == Exit.notFound)
        expectNoRawControls(deleted.stderr)
    }
}
