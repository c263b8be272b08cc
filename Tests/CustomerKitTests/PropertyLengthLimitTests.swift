import Testing
@testable import CustomerKit
import TestSupport

/// Every limited field of the validation table, probed right at, just under and just over its
/// limit with text of every UTF-8 length and with multi-code-point graphemes: `fits`, `check`
/// and the message agree with a count made independently of `LengthUnit`.
@Suite struct PropertyLengthLimitTests {
    static let limited = CustomerValidation.rules.filter { $0.maxLength != nil }

    @Test func everyTextFieldOfTheFormHasALimit() {
        for field in CustomerDraft.textFields {
            #expect(CustomerValidation.rule(for: field).maxLength != nil, "\(field)")
        }
    }

    @Test(arguments: TextKind.allCases)
    func fitsAndCheckAgreeWithAnIndependentCountAtTheBoundary(kind: TextKind) {
        let seed = 0xB0DA + UInt64(TextKind.allCases.firstIndex(of: kind)!)
        var rng = SplitMix64(seed: seed)
        var checked = 0
        for rule in Self.limited {
            let limit = rule.maxLength!
            let bytes = rule.unit == .utf8Bytes
            for trial in 0..<25 {
                let offsets = [-1, 0, 1, trial % 7 == 0 ? rng.between(2, 300) : 0]
                for offset in offsets where limit + offset >= 1 {
                    let text = TextBuilder.text(kind, units: limit + offset, bytes: bytes, &rng)
                    let context = "seed \(seed) (\(kind)) trial \(trial): \(rule.field) \(String(reflecting: text))"
                    #expect(Self.verify(rule, text), "\(context)")
                    checked += 1
                }
            }
        }
        #expect(checked > 800)
    }

    /// One value against one rule. Returns false (after recording what differs) on a mismatch.
    static func verify(_ rule: FieldRule, _ text: String) -> Bool {
        let limit = rule.maxLength!
        let given = rule.unit == .utf8Bytes ? IndependentCount.utf8Bytes(text) : IndependentCount.codePoints(text)
        var ok = true
        func expect(_ condition: Bool, _ what: String) {
            if !condition {
                ok = false
                Issue.record("\(rule.field) (\(limit) \(rule.unit), \(given) given): \(what)")
            }
        }
        expect(rule.length(of: text) == given, "length \(rule.length(of: text))")
        expect(rule.fits(text) == (given <= limit), "fits \(rule.fits(text))")
        expect(rule.remaining(for: text) == limit - given, "remaining \(String(describing: rule.remaining(for: text)))")
        let issue = rule.check(text)
        if given > limit {
            let ascii = IndependentCount.isASCII(text)
            expect(issue?.kind == .tooLong(limit: limit, given: given, unit: rule.unit, asciiOnly: ascii),
                   "issue \(String(describing: issue))")
            let message = issue?.message ?? ""
            let unitWord = rule.unit == .utf8Bytes && !ascii ? "bytes" : "characters"
            expect(message.hasPrefix("\(rule.field.label): at most \(limit) \(unitWord) (\(given) given"),
                   "message \(message)")
            expect(CustomerValidation.check(rule.field, text) == issue, "the table's check differs from the rule's")
        } else if let issue {
            // Within the limit only a format may be wrong, and only on fields that have one.
            if case .tooLong = issue.kind { expect(false, "tooLong within the limit") }
            expect(rule.format != nil, "issue \(issue) on a field without a format")
        }
        return ok
    }

    /// Two strings that look alike: one grapheme each side of the limit counts differently per unit.
    @Test func unitsDifferForTheSameGraphemes() {
        var rng = SplitMix64(seed: 0x11417)
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<rng.between(1, 60) { text += TextKind.clusters.piece(&rng) }
            let byCodePoints = LengthUnit.codePoints.length(of: text)
            let byBytes = LengthUnit.utf8Bytes.length(of: text)
            #expect(byCodePoints == IndependentCount.codePoints(text))
            #expect(byBytes == IndependentCount.utf8Bytes(text))
            // Every cluster here has at least two code points per grapheme, more bytes than code points.
            #expect(byCodePoints >= 2 * text.count && byBytes > byCodePoints, "\(String(reflecting: text))")
        }
    }

    @Test func requiredAndEmpty() {
        for rule in CustomerValidation.rules where rule.field.isText {
            let issue = rule.check("")
            #expect(issue == (rule.required ? FieldIssue(field: rule.field, kind: .required) : nil), "\(rule.field)")
        }
    }
}
