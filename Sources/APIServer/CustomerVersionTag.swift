import CustomerKit
import Foundation
import HTTPTypes
import Hummingbird

/// A customer's version as HTTP sees it: the `ETag` on every customer answer is its
/// `updated_at` (which the stores move on with every write, strictly), and a `PUT` with
/// `If-Match` is applied only while the customer is still at that version (412
/// `version_conflict` otherwise, checked in the write's own transaction). FlexPrice's own
/// server has no such header; clients that do not send it update as before.
enum CustomerVersionTag {
    static let etag = HTTPField.Name.eTag
    static let ifMatch = HTTPField.Name.ifMatch

    /// The strong entity tag for a customer's current version.
    static func tag(_ customer: Customer) -> String { "\"\(customer.updatedAt.text)\"" }

    /// The version an `If-Match` asks for: nil without the header or for `*` (any current
    /// version: the customer must exist, which the update checks anyway). A weak tag never
    /// matches (RFC 9110 compares `If-Match` strongly), so it reads as a version no customer has.
    static func expected(_ request: Request) throws(APIError) -> Timestamp? {
        let values = request.headers[values: ifMatch]
        guard !values.isEmpty else { return nil }
        let tags = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if tags == ["*"] { return nil }
        guard tags.count == 1, let tag = tags.first else { throw problem("give one entity tag") }
        if tag.hasPrefix("W/") { return Timestamp(date: .distantPast) }
        guard tag.count >= 2, tag.first == "\"", tag.last == "\"",
              let version = Timestamp(rfc3339: String(tag.dropFirst().dropLast())) else {
            throw problem("expected a customer's ETag, such as \"2026-12-01T09:30:00.123456Z\"")
        }
        return version
    }

    private static func problem(_ text: String) -> APIError {
        APIError(status: 400, code: "validation_error", message: "Invalid If-Match header: \(text)",
                 details: ["if_match": text])
    }
}
