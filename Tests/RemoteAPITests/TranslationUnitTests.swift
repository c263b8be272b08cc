import CustomerKit
import Foundation
import Testing
@testable import RemoteAPI

/// The pure pieces, without a server: encoding, excerpts, validator sentences, redaction.
@Suite struct TranslationUnitTests {
    @Test func pathSegmentsKeepOnlyUnreservedCharacters() {
        #expect(PercentEncoding.segment("cust_01ABC") == "cust_01ABC")
        #expect(PercentEncoding.segment("a/b c") == "a%2Fb%20c")
        #expect(PercentEncoding.segment(".") == "%2E")
        #expect(PercentEncoding.segment("a.b") == "a.b")
        #expect(PercentEncoding.segment("🙂") == "%F0%9F%99%82")
        #expect(PercentEncoding.queryComponent("a+b c") == "a%2Bb%20c")
    }

    @Test func onlyACreateIsMarkedAsUnsafeToRepeat() {
        #expect(!APIRequest(.post, ["customers"], body: Data("{}".utf8)).mayRepeat)
        #expect(APIRequest(.post, ["customers", "search"], body: Data("{}".utf8), mayRepeat: true).mayRepeat)
        #expect(APIRequest(.get, ["customers", "x"]).mayRepeat)
        #expect(APIRequest(.put, ["customers", "x"]).mayRepeat)
        #expect(APIRequest(.delete, ["customers", "x"]).mayRepeat)
    }

    @Test func validatorSentencesNameTheirTag() {
        let sentence = "Key: 'UpdateCustomerRequest.Email' Error:Field validation for 'Email' failed on the 'email' tag"
        #expect(ServerValidationTranslator.tag(in: sentence) == "email")
        #expect(ServerValidationTranslator.tag(in: "something else") == nil)
        #expect(ServerValidationTranslator.text(for: .email, validatorSentence: "free text") == "free text")
        #expect(ServerValidationTranslator.text(for: .addressCity, validatorSentence: sentence.replacingOccurrences(
            of: "'email' tag", with: "'max' tag")) == "City: at most 100 characters")
    }

    @Test func leadingFieldNamesAreMatchedAsWholeWords() {
        let cases: [(String, CustomerField?)] = [
            ("Address line 1 must be less than 255 characters", .addressLine1),
            ("Address line 2 must be less than 255 characters", .addressLine2),
            ("Address city must be less than 100 characters", .addressCity),
            ("Address postal code must be less than 20 characters", .addressPostalCode),
            ("pan must match characters 3 to 12 of gstin", .metadata),
            ("Name is required", .name),
            ("Panama is not a field", nil),
            ("Invalid request format", nil),
            ("Please provide a valid email", nil),
        ]
        for (message, field) in cases {
            #expect(ServerValidationTranslator.field(namedAtStartOf: message) == field, "\(message)")
        }
    }

    @Test func unknownDetailKeysAreKeptAndGoNamesTranslated() {
        let error = ServerValidationTranslator.error(message: "Request validation failed", details: [
            "AddressPostalCode": "Key: 'X.AddressPostalCode' Error:Field validation for 'AddressPostalCode' failed on the 'max' tag",
            "EntityID": "Key: 'X.EntityID' Error:Field validation for 'EntityID' failed on the 'required' tag",
        ])
        #expect(error == .validation(message: "Request validation failed", fields: [
            "address_postal_code": "Postal code: at most 20 characters",
            "EntityID": "Key: 'X.EntityID' Error:Field validation for 'EntityID' failed on the 'required' tag",
        ]))
    }

    @Test func excerptsAreOneShortPrintableLine() {
        let html = Data("<html><script>alert(1)</script><title>Oops</title>\n\u{1B}[31mred\u{1B}[0m  text</html>".utf8)
        let excerpt = BodyExcerpt.make(html)
        #expect(!excerpt.contains("alert"))
        #expect(!excerpt.contains("\u{1B}"))
        #expect(excerpt.hasPrefix("Oops"))
        let long = BodyExcerpt.make(Data(String(repeating: "x", count: 500).utf8), limit: 20)
        #expect(long.count == 20)
        #expect(long.hasSuffix("…"))
    }

    @Test func redactionCoversEveryCaseAndIgnoresTinySecrets() {
        let redaction = SecretRedaction(secret: "sk_secret_value")
        let cases: [CustomerError] = [
            .validation(message: "sk_secret_value", fields: ["f": "x sk_secret_value"]),
            .notFound(message: "sk_secret_value", details: [:]),
            .alreadyExists(message: "m", details: ["k": "sk_secret_value"]),
            .invalidOperation(message: "sk_secret_value", details: [:]),
            .unauthorized(message: "sk_secret_value"), .forbidden(message: "sk_secret_value"),
            .server(code: "c", status: 500, message: "sk_secret_value", details: [:]),
            .transport(.other, message: "sk_secret_value"), .invalidResponse(status: 1, message: "sk_secret_value"),
        ]
        for error in cases {
            let clean = redaction.apply(error)
            #expect(!clean.description.contains("sk_secret_value"), "\(clean)")
            #expect(clean.code == error.code)
        }
        #expect(SecretRedaction(secret: "ab").apply("cab") == "cab")
    }
}
