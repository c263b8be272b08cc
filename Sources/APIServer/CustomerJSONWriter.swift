import CustomerKit
import Foundation

/// Writes customers and customer lists as JSON by hand, byte for byte what `CustomerJSON.encode`
/// (Foundation's `JSONEncoder`, sorted keys, slashes unescaped) writes, at a fraction of the
/// cost: encoding was the largest single cost of a GET by id. Customers with keys the writer
/// does not know (`integrations`, fields kept from elsewhere) go through `CustomerJSON` instead.
/// `CustomerJSONWriterTests` compares the two on awkward values.
enum CustomerJSONWriter {
    static func data(_ customer: Customer) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(640)
        guard write(customer, into: &out) else { return CustomerJSON.encode(customer) }
        return Data(out)
    }

    static func data(_ list: ListCustomersResponse) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(64 + list.items.count * 640)
        out += Array(#"{"items":["#.utf8)
        for (index, customer) in list.items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            guard write(customer, into: &out) else { return CustomerJSON.encode(list) }
        }
        let p = list.pagination
        out += Array(#"],"pagination":{"limit":\#(p.limit),"offset":\#(p.offset),"total":\#(p.total)}}"#.utf8)
        return Data(out)
    }

    /// The customer's object, keys in byte order as `.sortedKeys` gives them. False when the
    /// customer has anything this writer does not handle.
    private static func write(_ c: Customer, into out: inout [UInt8]) -> Bool {
        guard c.integrations == nil, c.additionalFields.isEmpty else { return false }
        var first = true
        func key(_ name: StaticString) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out += [UInt8(ascii: "\""), UInt8(ascii: ":")]
        }
        func field(_ name: StaticString, _ value: String) {
            key(name)
            string(value, into: &out)
        }
        out.append(UInt8(ascii: "{"))
        field("address_city", c.addressCity)
        field("address_country", c.addressCountry)
        field("address_line1", c.addressLine1)
        field("address_line2", c.addressLine2)
        field("address_postal_code", c.addressPostalCode)
        field("address_state", c.addressState)
        if let contact = c.contact { field("contact", contact) }
        field("created_at", c.createdAt.text)
        field("created_by", c.createdBy)
        field("email", c.email)
        field("environment_id", c.environmentID)
        field("external_id", c.externalID)
        field("id", c.id)
        key("metadata")
        if let metadata = c.metadata {
            out.append(UInt8(ascii: "{"))
            let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, name) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                string(name, into: &out)
                out.append(UInt8(ascii: ":"))
                string(metadata[name]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        } else {
            out += Array("null".utf8)
        }
        field("name", c.name)
        if c.includesParentCustomerID {
            key("parent_customer_id")
            if let parent = c.parentCustomerID { string(parent, into: &out) } else { out += Array("null".utf8) }
        }
        field("status", c.status.rawValue)
        field("tenant_id", c.tenantID)
        if let timezone = c.timezone { field("timezone", timezone) }
        field("updated_at", c.updatedAt.text)
        field("updated_by", c.updatedBy)
        out.append(UInt8(ascii: "}"))
        return true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// A JSON string as Foundation writes it: `"` and `\` escaped, control characters as
    /// `\b \f \n \r \t` or `\u00XX`, everything else (including `/` and non-ASCII) as UTF-8.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                out += Array(#"\u00"#.utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
