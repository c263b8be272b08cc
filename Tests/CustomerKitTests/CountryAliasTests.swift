import Foundation
import Testing
@testable import CustomerKit

/// What operators type for a country leads to the right code, never to a neighbour in the
/// alphabet: UK is GB, not UA (issue 9).
@Suite struct CountryAliasTests {
    @Test("what people type leads to the right code first", arguments: [
        ("uk", "GB"), ("UK", "GB"), ("usa", "US"), ("USA", "US"), ("gbr", "GB"), ("deu", "DE"),
        ("Great Britain", "GB"), ("great brit", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Holland", "NL"),
        ("brit", "GB"), ("el", "GR"), ("Deutschland", "DE"), ("Czech Republic", "CZ"), ("turkey", "TR"),
        ("ivory", "CI"), ("korea", "KR"), ("russia", "RU"),
        // Codes typed whole keep their place ahead of any name.
        ("us", "US"), ("ua", "UA"), ("de", "DE"), ("in", "IN"), ("germ", "DE"),
    ])
    func firstSuggestion(typed: String, code: String) {
        #expect(CountryRule.suggestions(for: typed).first?.code == code, "\(typed)")
    }

    @Test("every suggestion shows what was typed: in the code, the name or the name it was found by")
    func suggestionsContainTheTypedText() {
        func folded(_ s: String) -> String { s.lowercased().folding(options: .diacriticInsensitive, locale: nil) }
        for typed in ["uk", "usa", "brit", "holland", "england", "el", "germ", "kor", "a", "be", "cote", "kingdom"] {
            for suggestion in CountryRule.suggestions(for: typed) {
                #expect(folded(suggestion.label).contains(folded(typed)), "\(typed): \(suggestion.label)")
            }
        }
    }

    @Test("brit offers the United Kingdom before British Indian Ocean Territory")
    func britOrder() {
        let codes = CountryRule.suggestions(for: "brit").map(\.code)
        #expect(codes.firstIndex(of: "GB")! < codes.firstIndex(of: "IO")!)
        #expect(CountryRule.suggestions(for: "uk").map(\.code).prefix(1) == ["GB"])
        #expect(CountryRule.suggestions(for: "uk").first?.label == "GB  United Kingdom (UK)")
    }

    @Test("a code ISO does not assign, left as it is, gets an error that names the right code")
    func correctionHints() {
        #expect(CustomerValidation.check(.addressCountry, "UK")?.message
                == "Country: use a two-letter ISO 3166-1 code in capitals, such as US or DE: "
                + "UK is not an ISO 3166-1 code: the United Kingdom is GB")
        #expect(CustomerValidation.check(.addressCountry, "UK")?.hint?.short == "UK? use GB")
        #expect(CustomerValidation.check(.addressCountry, "USA")?.hint?.short == "use US")
        #expect(CustomerValidation.check(.addressCountry, "EU")?.hint?.short == "not a country")
        #expect(CustomerValidation.check(.addressCountry, "ZZ")?.hint == nil)
        // The kind stays what it was, so every layer keeps treating it the same way.
        #expect(CustomerValidation.check(.addressCountry, "UK")?.kind == .invalidCountry)
    }

    @Test("an email refused for a space at either end says so")
    func emailSpaces() {
        #expect(CustomerValidation.check(.email, "ops@example.com ")?.message.hasSuffix("it ends with a space") == true)
        #expect(CustomerValidation.check(.email, " ops@example.com")?.hint?.short == "begins with a space")
        #expect(CustomerValidation.check(.email, "ops@example.com")?.hint == nil)
        #expect(CustomerValidation.check(.email, "ops@example.com ")?.kind == .invalidEmail)
    }

    @Test("the alias tables only point at codes the server accepts")
    func aliasesPointAtValidCodes() {
        for (_, meant) in CountryAliases.unassignedCodes {
            #expect(meant.codes.allSatisfy(CountryRule.isValid))
        }
        for (name, code) in CountryAliases.everydayNames { #expect(CountryRule.isValid(code), "\(name)") }
        #expect(CountryAliases.alpha3.count == 250)
        #expect(CountryAliases.alpha3.values.allSatisfy(CountryRule.isValid))
        // No unassigned code is one the server accepts, or it would shadow a real country.
        #expect(CountryAliases.unassignedCodes.keys.allSatisfy { !CountryRule.isValid($0) })
    }
}
