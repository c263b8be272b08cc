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

    /// One key of a customer's object: a catalogue text field or a bookkeeping value.
    private enum Part {
        case text(FieldDescriptor)
        case id, metadata, status, environmentID, tenantID, createdAt, updatedAt, createdBy, updatedBy
    }

    /// Every key a customer may have, in byte order as `.sortedKeys` gives them.
    private static let parts: [(key: [UInt8], part: Part)] = {
        let fixed: [(String, Part)] = [
            ("id", .id), ("metadata", .metadata), ("status", .status), ("environment_id", .environmentID),
            ("tenant_id", .tenantID), ("created_at", .createdAt), ("updated_at", .updatedAt),
            ("created_by", .createdBy), ("updated_by", .updatedBy),
        ]
        let texts = FieldCatalogue.textFields.filter { $0.inCustomer != .never }.map { ($0.jsonKey, Part.text($0)) }
        return (fixed + texts).map { (Array($0.0.utf8), $0.1) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }()

    /// The customer's object, keys in byte order. False when the customer has anything this
    /// writer does not handle.
    private static func write(_ c: Customer, into out: inout [UInt8]) -> Bool {
        guard c.integrations == nil, c.additionalFields.isEmpty else { return false }
        var first = true
        func key(_ name: [UInt8]) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "\""))
            out += name
            out += [UInt8(ascii: "\""), UInt8(ascii: ":")]
        }
        func field(_ name: [UInt8], _ value: String) {
            key(name)
            string(value, into: &out)
        }
        out.append(UInt8(ascii: "{"))
        for (name, part) in parts {
            switch part {
            case .text(let descriptor) where descriptor.field == .parentCustomerID:
                // Written (null without a parent) only by backends that have parents.
                guard c.includesParentCustomerID else { continue }
                key(name)
                if let parent = c.parentCustomerID { string(parent, into: &out) } else { out += Array("null".utf8) }
            case .text(let descriptor):
                switch descriptor.inCustomer {
                case .always: field(name, c.texts[descriptor.field] ?? "")
                case .whenSet: if let value = c.texts[descriptor.field] { field(name, value) }
                case .never: continue
                }
            case .id: field(name, c.id)
            case .status: field(name, c.status.rawValue)
            case .environmentID: field(name, c.environmentID)
            case .tenantID: field(name, c.tenantID)
            case .createdAt: field(name, c.createdAt.text)
            case .updatedAt: field(name, c.updatedAt.text)
            case .createdBy: field(name, c.createdBy)
            case .updatedBy: field(name, c.updatedBy)
            case .metadata:
                key(name)
                writeMetadata(c.metadata, into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return true
    }

    private static func writeMetadata(_ metadata: [String: String]?, into out: inout [UInt8]) {
        guard let metadata else {
            out += Array("null".utf8)
            return
        }
        out.append(UInt8(ascii: "{"))
        let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, name) in keys.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(name, into: &out)
            out.append(UInt8(ascii: ":"))
            string(metadata[name]!, into: &out)
        }
        out.append(UInt8(ascii: "}"))
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
