import CustomerKit
import Foundation
import Testing

/// Numbers in JSON the client does not model (unknown keys, mapping metadata) come back out
/// exactly as they went in, beyond a Double's 2^53; a number nothing can hold is refused, never
/// changed into another.
@Suite("Exact JSON numbers")
struct JSONNumberTests {
    static let customer = #"{"id":"cust_1","external_id":"e","name":"","email":"","created_at":"2026-12-01T00:00:00Z","updated_at":"2026-12-01T00:00:00Z","#

    @Test("unknown keys keep their numbers digit for digit", arguments: [
        "9223372036854775807", "-9223372036854775808", "18446744073709551615", "9007199254740993",
        "123456789012345678901234567890", "0.1", "1.5", "-2.25", "0",
    ])
    func roundTrip(number: String) throws {
        let json = Self.customer + #""kept":\#(number),"nested":{"list":[\#(number)]}}"#
        let decoded = try CustomerJSON.decoder().decode(Customer.self, from: Data(json.utf8))
        #expect(decoded.additionalFields["kept"] == .number(number))
        let text = String(decoding: CustomerJSON.encode(decoded), as: UTF8.self)
        #expect(text.contains(#""kept":\#(number)"#), "\(text)")
        #expect(text.contains(#""list":[\#(number)]"#), "\(text)")
        // And again: a second trip changes nothing.
        let again = try CustomerJSON.decoder().decode(Customer.self, from: CustomerJSON.encode(decoded))
        #expect(again == decoded)
    }

    @Test("a number no type can hold (1e400) is refused with the document, not made into another")
    func outOfRangeIsRefused() {
        for huge in ["1e400", "-1e400"] {
            let json = Self.customer + #""kept":\#(huge)}"#
            #expect(throws: (any Error).self) { try CustomerJSON.decoder().decode(Customer.self, from: Data(json.utf8)) }
        }
    }

    @Test("numbers too large for Decimal but finite as Double stay the same number")
    func largeDoubles() throws {
        let json = Self.customer + #""kept":1.5e300}"#
        let decoded = try CustomerJSON.decoder().decode(Customer.self, from: Data(json.utf8))
        guard case .number(let text)? = decoded.additionalFields["kept"] else {
            Issue.record("not a number: \(String(describing: decoded.additionalFields["kept"]))")
            return
        }
        #expect(Double(text) == 1.5e300)
    }
}
