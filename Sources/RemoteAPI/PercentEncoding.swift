/// Percent-encoding for the parts of a URL this client builds from operator data
/// (ids and external ids in paths, `external_customer_id` in a query).
///
/// Only RFC 3986's unreserved characters stay as they are; everything else, including `/`,
/// `?`, `#`, `%`, `+`, `&`, spaces and every non-ASCII byte, is encoded. Go decodes `+` in a
/// query as a space, so it must be encoded; and the server matches routes on the decoded
/// path, so an encoded `/` still splits the path (the client avoids sending one, see
/// `RemoteCustomerClient.customer(externalID:)`).
enum PercentEncoding {
    /// One path segment. A segment of only dots is encoded whole, because `.` and `..`
    /// would otherwise be removed as dot-segments before the request leaves.
    static func segment(_ text: String) -> String {
        if !text.isEmpty && text.allSatisfy({ $0 == "." }) {
            return String(repeating: "%2E", count: text.count)
        }
        return encode(text)
    }

    /// A query name or value.
    static func queryComponent(_ text: String) -> String { encode(text) }

    private static func encode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
            }
        }
        return out
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
