@testable import APIServer
import CustomerKit
import Foundation
import Testing

/// The hand-written encoder must write exactly what `CustomerJSON.encode` writes.
@Suite("Customer JSON writer")
struct CustomerJSONWriterTests {
    static let awkward = ["", "plain", "quote \" backslash \\ slash /", "tab\tnew\nline\rcr", "\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}",
                          "Ünïcödé 日本 🙂", "\u{2028}\u{2029}", "e\u{301}", "</script>", "{\"json\":[1]}"]

    static func customer(_ text: String, index: Int) -> Customer {
        Customer(id: "cust_\(index)", externalID: text, name: text, email: text,
                 contact: index % 2 == 0 ? nil : text, addressLine1: text, addressLine2: text, addressCity: text,
                 addressState: text, addressPostalCode: text, addressCountry: text,
                 timezone: index % 3 == 0 ? nil : "UTC",
                 metadata: index % 4 == 0 ? nil : [text: text, "z": "1", "a": text, "Ä": "x", "_": ""],
                 environmentID: "env_a", tenantID: "t", status: index % 2 == 0 ? .published : .archived,
                 createdAt: Timestamp(date: Date(timeIntervalSince1970: 1_790_000_000.123456)),
                 updatedAt: Timestamp(rfc3339: "2026-11-21T23:22:10.123456789Z")!,
                 createdBy: text, updatedBy: text, parentCustomerID: index % 5 == 0 ? nil : "cust_parent",
                 includesParentCustomerID: index % 7 != 0)
    }

    @Test(arguments: Array(awkward.enumerated()))
    func matchesJSONEncoder(_ index: Int, _ text: String) {
        for variant in 0..<8 {
            let customer = Self.customer(text, index: index * 8 + variant)
            #expect(CustomerJSONWriter.data(customer) == CustomerJSON.encode(customer),
                    "\(String(decoding: CustomerJSONWriter.data(customer), as: UTF8.self))")
        }
    }

    @Test func listsMatchToo() {
        let items = Self.awkward.enumerated().map { Self.customer($1, index: $0) }
        for list in [ListCustomersResponse(items: items, pagination: .init(total: 99, limit: 10, offset: 20)),
                     ListCustomersResponse(items: [], pagination: .init(total: 0, limit: 50, offset: 50))] {
            #expect(CustomerJSONWriter.data(list) == CustomerJSON.encode(list))
        }
    }

    @Test func customersWithOtherKeysFallBack() {
        var customer = Self.customer("x", index: 1)
        customer.integrations = [["id": .string("eim_1"), "n": .number("1.5")]]
        #expect(CustomerJSONWriter.data(customer) == CustomerJSON.encode(customer))
        customer.integrations = nil
        customer.additionalFields = ["billing_currency": .string("usd")]
        #expect(CustomerJSONWriter.data(customer) == CustomerJSON.encode(customer))
        let list = ListCustomersResponse(items: [customer], pagination: .init(total: 1, limit: 1, offset: 1))
        #expect(CustomerJSONWriter.data(list) == CustomerJSON.encode(list))
    }
}
