import Testing
@testable import CustomerKit
import TestSupport

/// `address_country`: exactly the 250 codes pass (the 249 assigned ISO 3166-1 alpha-2 codes
/// plus XK), checked against a list written out here independently of `CountryCodes`.
@Suite struct PropertyCountryTests {
    static let assigned = """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW \
        BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI \
        FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN \
        IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME \
        MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF \
        PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV \
        SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE \
        YT ZA ZM ZW
        """
    static let expected = Set(assigned.split(separator: " ").map(String.init)).union(["XK"])

    @Test func theIndependentListHas250Codes() {
        #expect(Self.expected.count == 250)
    }

    @Test func exactlyThe250CodesPassAmongAllTwoLetterStrings() {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var passing: Set<String> = []
        let rule = CustomerValidation.rule(for: .addressCountry)
        for a in letters {
            for b in letters {
                let code = String([a, b])
                let issue = rule.check(code)
                if CountryRule.isValid(code) {
                    passing.insert(code)
                    #expect(issue == nil, "\(code)")
                } else {
                    #expect(issue?.kind == .invalidCountry, "\(code)")
                }
                // Lower and mixed case never pass: the server's map has upper-case keys only.
                #expect(!CountryRule.isValid(code.lowercased()) && !CountryRule.isValid(String(a) + String(b).lowercased()))
            }
        }
        #expect(passing.count == 250)
        #expect(passing == Self.expected,
                "extra \(passing.subtracting(Self.expected).sorted()), missing \(Self.expected.subtracting(passing).sorted())")
        #expect(CountryRule.codes == Self.expected)
    }

    @Test func nearMissesFail() {
        let seed: UInt64 = 0xC0DE
        var rng = SplitMix64(seed: seed)
        let rule = CustomerValidation.rule(for: .addressCountry)
        let codes = Self.expected.sorted()
        for trial in 0..<3_000 {
            let code = rng.pick(codes)
            let candidates: [String] = [
                code + String(rng.scalar(in: 0x300...0x36F)),           // a combining mark: 3 code points
                code.unicodeScalars.map { String(Unicode.Scalar($0.value + 0xFEE0)!) }.joined(),  // full-width
                " " + code, code + " ", String(code.prefix(1)), code + code.suffix(1),
                code.prefix(1).lowercased() + code.suffix(1), code.prefix(1) + code.suffix(1).lowercased(),
                TextKind.mixed.piece(&rng) + TextKind.mixed.piece(&rng),
            ]
            for text in candidates where !Self.expected.contains(text) {
                #expect(!CountryRule.isValid(text), "seed \(seed) trial \(trial): \(String(reflecting: text))")
                let issue = rule.check(text)
                let scalars = text.unicodeScalars.count
                if scalars > 2 {
                    #expect(issue?.kind == .tooLong(limit: 2, given: scalars, unit: .codePoints,
                                                    asciiOnly: IndependentCount.isASCII(text)), "\(String(reflecting: text))")
                } else {
                    #expect(issue?.kind == .invalidCountry, "\(String(reflecting: text))")
                }
            }
        }
    }
}
