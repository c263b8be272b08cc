import Testing
@testable import CustomerKit

@Suite struct ValidationTableTests {
    @Test func limitsAndUnitsAreTheServersEffectiveOnes() {
        let expected: [(CustomerField, Int, LengthUnit)] = [
            (.externalID, 255, .codePoints), (.name, 255, .codePoints), (.email, 255, .codePoints),
            (.contact, 20, .codePoints), (.addressLine1, 255, .utf8Bytes), (.addressLine2, 255, .utf8Bytes),
            (.addressCity, 100, .utf8Bytes), (.addressState, 100, .utf8Bytes),
            (.addressPostalCode, 20, .utf8Bytes), (.addressCountry, 2, .codePoints),
        ]
        for (field, limit, unit) in expected {
            let rule = CustomerValidation.rule(for: field)
            #expect(rule.maxLength == limit, "\(field)")
            #expect(rule.unit == unit, "\(field)")
        }
        #expect(CustomerValidation.rules.filter(\.required).map(\.field) == [.externalID])
    }

    @Test func postalCodeMessageMatchesTheIssueWording() {
        let issue = CustomerValidation.check(.addressPostalCode, String(repeating: "9", count: 25))
        #expect(issue?.message == "Postal code: at most 20 characters (25 given)")
    }

    @Test func byteLimitsCountUTF8AtTheBoundary() {
        // 10 × "é" (2 bytes) = 20 bytes: fits; one more ASCII byte does not.
        let twenty = String(repeating: "é", count: 10)
        #expect(CustomerValidation.check(.addressPostalCode, twenty) == nil)
        let over = CustomerValidation.check(.addressPostalCode, twenty + "1")
        #expect(over?.kind == .tooLong(limit: 20, given: 21, unit: .utf8Bytes, asciiOnly: false))
        #expect(over?.message.contains("at most 20 bytes (21 given") == true)
        // 33 × "日" = 99 bytes fits a city; 34 does not (102 bytes) though only 34 characters.
        #expect(CustomerValidation.check(.addressCity, String(repeating: "日", count: 33)) == nil)
        #expect(CustomerValidation.check(.addressCity, String(repeating: "日", count: 34)) != nil)
        // An emoji is 4 bytes: 63 × 4 = 252 + "abc" = 255 fits line 1; + "d" does not.
        let line = String(repeating: "🙂", count: 63) + "abc"
        #expect(CustomerValidation.check(.addressLine1, line) == nil)
        #expect(CustomerValidation.check(.addressLine1, line + "d") != nil)
    }

    @Test func characterLimitsCountCodePoints() {
        // A flag is one Character but two code points; the server counts runes.
        let flags = String(repeating: "🇩🇪", count: 10)  // 20 runes
        #expect(CustomerValidation.check(.contact, flags) == nil)
        #expect(CustomerValidation.check(.contact, flags + "x") != nil)
        #expect(CustomerValidation.check(.name, String(repeating: "名", count: 255)) == nil)
        #expect(CustomerValidation.check(.name, String(repeating: "名", count: 256))?.message
                == "Name: at most 255 characters (256 given)")
    }

    @Test func fitsIsTheHardStopAndRemainingTheCounter() {
        let rule = CustomerValidation.rule(for: .addressPostalCode)
        #expect(rule.fits("12345678901234567890"))
        #expect(!rule.fits("123456789012345678901"))
        #expect(rule.remaining(for: "ü") == 18)
        #expect(CustomerValidation.rule(for: .metadata).remaining(for: "x") == nil)
    }

    @Test(arguments: ["US", "DE", "GB", "XK", "AX", "ZW"])
    func acceptsListedCountries(code: String) {
        #expect(CustomerValidation.check(.addressCountry, code) == nil)
    }

    @Test(arguments: ["us", "UK", "EU", "USA", "U", "ZZ", "D E", "ＤＥ"])
    func rejectsOtherCountries(code: String) {
        let issue = CustomerValidation.check(.addressCountry, code)
        #expect(issue != nil)
        #expect(issue?.field == .addressCountry)
    }

    @Test func theCountryListHasTheServers250Codes() {
        #expect(CountryRule.codes.count == 250)
        #expect(CountryCodes.all.allSatisfy { $0.code.count == 2 && $0.code == $0.code.uppercased() })
    }

    @Test func countryCompletionFromNames() {
        #expect(CountryRule.suggestions(for: "germ").first?.code == "DE")
        #expect(CountryRule.suggestions(for: "de").first?.code == "DE")
        #expect(CountryRule.suggestions(for: "cote").map(\.code).contains("CI"))
        #expect(CountryRule.suggestions(for: "kingdom").map(\.code).contains("GB"))
        #expect(CountryRule.suggestions(for: "").isEmpty)
        #expect(CountryRule.suggestions(for: "qqqq").isEmpty)
        #expect(CountryRule.name(of: "DE") == "Germany")
    }

    @Test func timezoneRule() {
        #expect(CustomerValidation.check(.timezone, "Asia/Kolkata") == nil)
        #expect(CustomerValidation.check(.timezone, "UTC") == nil)
        #expect(CustomerValidation.check(.timezone, "Local") != nil)
        #expect(CustomerValidation.check(.timezone, "Mars/Olympus") != nil)
    }

    @Test func createNeedsOnlyAnExternalID() {
        #expect(CustomerValidation.validate(CreateCustomerRequest(externalID: "x")).isEmpty)
        let missing = CustomerValidation.validate(CreateCustomerRequest(externalID: ""))
        #expect(missing.map(\.field) == [.externalID])
        #expect(missing.first?.message == "External ID: required")
        // Whitespace-only passes, as on the server.
        #expect(CustomerValidation.validate(CreateCustomerRequest(externalID: " ")).isEmpty)
    }

    @Test func createReportsEveryFailingFieldInFormOrder() {
        let request = CreateCustomerRequest(externalID: "x", email: "nope", addressPostalCode: String(repeating: "1", count: 21),
                                            addressCountry: "usa", parentCustomerID: "cust_1",
                                            parentCustomerExternalID: "p")
        let issues = CustomerValidation.validate(request)
        #expect(issues.map(\.field) == [.email, .addressPostalCode, .addressCountry, .parentCustomerID])
        let error = CustomerError.validation(issues)
        #expect(Set(error.details.keys) == ["email", "address_postal_code", "address_country", "parent_customer_id"])
        #expect(error.fieldErrors[.email] == "Email: not a valid email address (expected name@example.com)")
    }

    @Test func updateChecksOnlyWhatIsPresent() {
        #expect(CustomerValidation.validate(UpdateCustomerRequest()).isEmpty)
        // "" clears optional fields (product documents) but never the external id.
        #expect(CustomerValidation.validate(UpdateCustomerRequest(name: "", email: "", addressCountry: "")).isEmpty)
        #expect(CustomerValidation.validate(UpdateCustomerRequest(externalID: "")).map(\.field) == [.externalID])
        #expect(CustomerValidation.validate(UpdateCustomerRequest(addressCountry: "de")).map(\.field) == [.addressCountry])
    }

    @Test func taxMetadataKeys() {
        func issue(_ m: [String: String]) -> FieldIssue? {
            CustomerValidation.validate(CreateCustomerRequest(externalID: "x", metadata: m)).first
        }
        #expect(issue(["gstin": "27AAMCM4148E1ZD", "pan": "aamcm4148e", "hsn_sac": "998314"]) == nil)
        #expect(issue(["gstin": "27AAMCM4148E1Z"])?.field == .metadata)
        #expect(issue(["pan": "AAMC14148E"]) != nil)
        #expect(issue(["gstin": "27AAMCM4148E1ZD", "pan": "BBMCM4148E"]) != nil)
        #expect(issue(["hsn_sac": "12345"]) != nil)
        #expect(issue(["anything": "goes"]) == nil)
    }

    @Test func integrationMappingsAreCheckedOnCreate() {
        let ok = IntegrationEntityMapping(entityID: "cust_1", entityType: "customer", providerType: "stripe", providerEntityID: "cus_1")
        #expect(CustomerValidation.validate(CreateCustomerRequest(externalID: "x", integrationEntityMapping: [ok])).isEmpty)
        var bad = ok
        bad.entityType = "planet"
        let issues = CustomerValidation.validate(CreateCustomerRequest(externalID: "x", integrationEntityMapping: [ok, bad]))
        #expect(issues.map(\.field) == [.integrationEntityMapping])
        #expect(issues.first?.message.contains("item 2") == true)
    }
}
