@testable import Console
import CustomerKit
import Testing
import TerminalUI
import TestSupport

/// Property tests for the hard stop while typing: a `TextFieldState` that asks a rule of the
/// validation table never holds more than the rule allows, whatever is typed or pasted, and a
/// paste that does not fit keeps the longest prefix that does, in whole graphemes.
/// (They live here because the CustomerKit tests cannot see TerminalUI.)
/// Serialized: these are CPU-bound, and one at a time leaves the other core to the rest of
/// the suite (whose subprocess and HTTP tests must not be starved). For the same reason the
/// long loop yields every few steps: Swift concurrency has one thread per core, and a test
/// that holds one for a minute on a loaded machine stalls every stub server and timer.
@Suite(.serialized) struct FuzzFieldLimitTests {
    /// Every limited text rule, as a bare field, and the nine form fields as the form builds them.
    static var fields: [(name: String, make: () -> TextFieldState, fits: (String) -> Bool)] {
        var out: [(String, () -> TextFieldState, (String) -> Bool)] = []
        for rule in CustomerValidation.rules where rule.field.isText && rule.maxLength != nil {
            out.append(("rule \(rule.field)", { TextFieldState(displayWidth: 20, accepts: { rule.fits($0) }) },
                        { rule.fits($0) }))
        }
        for field in CustomerDraft.textFields {
            out.append(("form \(field)", { FormTextField(field: field, width: 36).input },
                        { FuzzInvariants.formAccepts(field, $0) }))
        }
        return out
    }

    /// Text close to what is left before the limit, so pastes often end right at the boundary
    /// with a multi-byte character or a cluster.
    static func paste(_ rng: inout SplitMix64) -> String {
        switch rng.below(10) {
        case 0: return FuzzText.paste(&rng)
        case 1: return String(repeating: String(rng.pick(FuzzText.printable)), count: rng.between(1, 300))
        default: return FuzzText.text(&rng, pieces: rng.between(1, 80))
        }
    }

    static func editKey(_ rng: inout SplitMix64) -> Key {
        rng.pick([.left, .right, .home, .end, .backspace, .delete, .alt("b"), .alt("f"), .control("a"), .control("e"),
                  .control("k"), .control("u"), .control("w"), .backspace, .left, .left])
    }

    /// One test case per field (they run in parallel), each from its own seed.
    @Test(arguments: 0..<22)
    func typingAndPastingNeverPassTheLimit(field index: Int) async {
        let fields = Self.fields
        #expect(fields.count == 22)  // 13 limited rules and the 9 form fields
        guard index < fields.count else { return }
        let (name, make, fits) = fields[index]
        let seed: UInt64 = 0xF1E1D00 + UInt64(index)
        var rng = SplitMix64(seed: seed)
        var pastes = 0, cut = 0
        for run in 0..<15 {
            var input = make()
            for step in 0..<400 {
                if step % 50 == 0 { await Task.yield() }
                let context = "seed \(seed) \(name) run \(run) step \(step)"
                switch rng.below(10) {
                case 0..<5:
                    _ = input.handle(.character(FuzzText.character(&rng)))
                case 5..<7:
                    let body = Self.paste(&rng)
                    pastes += 1
                    if Self.checkPaste(body, into: &input, fits: fits, context) { cut += 1 }
                default:
                    _ = input.handle(Self.editKey(&rng))
                }
                #expect(fits(input.text), "\(context): \(FuzzInvariants.describe(input.text))")
                if !fits(input.text) { return }
            }
        }
        // Many pastes must have met the limit, or the boundary was not exercised.
        #expect(cut * 5 > pastes, "\(name): \(cut) of \(pastes) pastes were cut")
    }

    /// Pastes `body` and checks the result against a prefix search made here, one grapheme at
    /// a time. Returns whether the paste was cut.
    static func checkPaste(_ body: String, into input: inout TextFieldState, fits: (String) -> Bool,
                           _ context: String) -> Bool {
        let before = Array(input.graphemes[..<input.cursor])
        let after = Array(input.graphemes[input.cursor...])
        let cleaned = TextFieldState.cleanPaste(body)
        let inserted = Array(input.transform.map { $0(cleaned) } ?? cleaned)
        // The longest prefix that fits: the table's limits only grow with length.
        var keep = 0
        while keep < inserted.count && fits(String(before) + String(inserted[..<(keep + 1)]) + String(after)) {
            keep += 1
        }
        let expected = String(before) + String(inserted[..<keep]) + String(after)
        _ = input.handle(.paste(body))
        #expect(input.text == expected,
                "\(context): paste of \(inserted.count) graphemes kept \(FuzzInvariants.describe(input.text)), expected \(keep) graphemes: \(FuzzInvariants.describe(expected))")
        #expect(input.lastInsertRefused == (keep < inserted.count), "\(context)")
        if keep < inserted.count {
            // Longest: one grapheme more would not fit.
            #expect(!fits(String(before) + String(inserted[...keep]) + String(after)), "\(context)")
        }
        return keep < inserted.count
    }

    /// A character that does not fit is refused whole; the field does not change at all.
    @Test func aCharacterThatDoesNotFitIsRefusedWhole() {
        let seed: UInt64 = 0xF1E1E
        var rng = SplitMix64(seed: seed)
        for (name, make, fits) in Self.fields {
            var input = make()
            // Fill to the limit with one-byte text, then try every kind of character.
            _ = input.handle(.paste(String(repeating: "x", count: 300)))
            #expect(!input.text.isEmpty, "\(name)")
            for trial in 0..<200 {
                if rng.chance(0.3) { _ = input.handle(Self.editKey(&rng)) }
                let character = FuzzText.character(&rng)
                let before = String(input.graphemes[..<input.cursor])
                let after = String(input.graphemes[input.cursor...])
                let text = input.text
                _ = input.handle(.character(character))
                let piece = input.transform.map { $0(String(character)) } ?? String(character)
                let context = "seed \(seed) \(name) trial \(trial): \(String(reflecting: String(character)))"
                if input.text != text {
                    #expect(input.text == before + piece + after && fits(input.text), "\(context)")
                } else if !SafeText.needsEscape(character) {
                    #expect(!fits(before + piece + after), "\(context) refused though it fits")
                    #expect(input.lastInsertRefused, "\(context)")
                }
            }
        }
    }
}
