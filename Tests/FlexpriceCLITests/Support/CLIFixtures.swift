import CustomerKit
import Foundation
import Testing

extension Sandbox {
    /// Creates a customer through the CLI (`--json`, body from a file) and returns it,
    /// failing the test when the CLI does not succeed.
    @discardableResult
    func createCustomer(_ body: [String: Any], arguments: [String] = [],
                        sourceLocation: SourceLocation = #_sourceLocation) async throws -> Customer {
        let file = try writeJSON("bodies/\(UUID().uuidString).json", body)
        let result = try await run(["customers", "create", "--file", file, "--json"] + arguments)
        try #require(result.status == Exit.ok, "\(result)", sourceLocation: sourceLocation)
        return try result.customer
    }

    /// The published customers, newest first, as `customers list --json` gives them.
    func listJSON(_ arguments: [String] = []) async throws -> ListCustomersResponse {
        let result = try await run(["customers", "list", "--json"] + arguments)
        try #require(result.status == Exit.ok, "\(result)")
        return try result.list
    }
}

/// A customer body with every plain field set.
func fullBody(externalID: String = "acct-1001") -> [String: Any] {
    ["external_id": externalID, "name": "Ada Lovelace", "email": "ada@example.com", "contact": "+44 20 7946 0000",
     "address_line1": "12 Analytical Row", "address_line2": "Floor 2", "address_city": "London",
     "address_state": "Greater London", "address_postal_code": "NW1 6XE", "address_country": "GB",
     "timezone": "Europe/London", "metadata": ["tier": "gold", "region": "emea"]]
}

/// The label/value rows of the CLI's detail block ("Name             Ada Lovelace"): label and
/// value are separated by at least two spaces. Lines without such a label are skipped.
func detailRows(_ text: String) -> [String: String] {
    var rows: [String: String] = [:]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        guard let gap = line.range(of: "  ") else { continue }
        let label = line[..<gap.lowerBound].trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty else { continue }
        let value = line[gap.upperBound...].drop(while: { $0 == " " })
        rows[label] = String(value)
    }
    return rows
}

/// The metadata lines of a detail block ("  key = value"), as a map.
func detailMetadata(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("  ") {
        let entry = line.dropFirst(2)
        guard let eq = entry.range(of: " = ") else { continue }
        out[String(entry[..<eq.lowerBound])] = String(entry[eq.upperBound...])
    }
    return out
}

/// True when `data` holds `byteSequence` anywhere.
func contains(_ data: Data, _ bytes: [UInt8]) -> Bool {
    guard !bytes.isEmpty, data.count >= bytes.count else { return false }
    return data.range(of: Data(bytes)) != nil
}

/// ULIDs: Crockford base32, upper case, no I, L, O or U.
let crockford = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

/// `cust_` followed by a 26-character ULID.
func isCustomerID(_ id: String) -> Bool {
    id.hasPrefix("cust_") && id.count == 31 && id.dropFirst(5).allSatisfy { crockford.contains($0) }
}
