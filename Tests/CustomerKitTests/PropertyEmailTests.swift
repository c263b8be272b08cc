import Testing
@testable import CustomerKit
import TestSupport

/// The email rule against its grammar: random addresses built from the grammar are accepted,
/// and single-character mutations that break the grammar are rejected.
@Suite struct PropertyEmailTests {
    /// Builds addresses from the grammar `EmailRule` documents (the live server's rule).
    struct Grammar {
        static let asciiLetters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".unicodeScalars)
        static let digits = Array("0123456789".unicodeScalars)
        static let specials = Array("!#$%&'*+-/=?^_`{|}~".unicodeScalars)
        static let wideRanges: [ClosedRange<UInt32>] = [0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF]

        static func wide(_ rng: inout SplitMix64) -> Unicode.Scalar { rng.scalar(in: rng.pick(wideRanges)) }

        static func letter(_ rng: inout SplitMix64) -> Unicode.Scalar {
            rng.chance(0.8) ? rng.pick(asciiLetters) : wide(&rng)
        }

        static func atext(_ rng: inout SplitMix64) -> Unicode.Scalar {
            switch rng.below(10) {
            case 0..<5: return rng.pick(asciiLetters)
            case 5..<7: return rng.pick(digits)
            case 7..<9: return rng.pick(specials)
            default: return wide(&rng)
            }
        }

        /// dot-atom: 1-4 atoms of 1-10 characters.
        static func dotAtom(_ rng: inout SplitMix64) -> [Unicode.Scalar] {
            var out: [Unicode.Scalar] = []
            for index in 0..<rng.between(1, 4) {
                if index > 0 { out.append(".") }
                for _ in 0..<rng.between(1, 10) { out.append(atext(&rng)) }
            }
            return out
        }

        /// A quoted string: printable ASCII but `"` and `\`, space, tab, allowed Unicode, escapes.
        static func quoted(_ rng: inout SplitMix64) -> [Unicode.Scalar] {
            var out: [Unicode.Scalar] = ["\""]
            for _ in 0..<rng.between(0, 12) {
                switch rng.below(10) {
                case 0: out.append(" ")
                case 1: out.append("\t")
                case 2: out += ["\\", rng.scalar(in: 0x20...0x7E)]
                case 3: out.append(wide(&rng))
                case 4: out.append("@")
                default:
                    var s = rng.scalar(in: 0x21...0x7E)
                    while s == "\"" || s == "\\" { s = rng.scalar(in: 0x21...0x7E) }
                    out.append(s)
                }
            }
            out.append("\"")
            return out
        }

        /// A label: starts and ends with a letter (or a digit, except in the last label), with
        /// letters, digits, `-` and `~` inside.
        static func label(_ rng: inout SplitMix64, last: Bool) -> [Unicode.Scalar] {
            func edge() -> Unicode.Scalar { !last && rng.chance(0.3) ? rng.pick(digits) : letter(&rng) }
            let length = rng.between(1, 12)
            if length == 1 { return [edge()] }
            var out = [edge()]
            for _ in 0..<(length - 2) {
                switch rng.below(8) {
                case 0: out.append("-")
                case 1: out.append("~")
                case 2: out.append(rng.pick(digits))
                default: out.append(letter(&rng))
                }
            }
            out.append(edge())
            return out
        }

        static func domain(_ rng: inout SplitMix64) -> [Unicode.Scalar] {
            let count = rng.between(2, 4)
            var out: [Unicode.Scalar] = []
            for index in 0..<count {
                if index > 0 { out.append(".") }
                out += label(&rng, last: index == count - 1)
            }
            if rng.chance(0.1) { out.append(".") }
            return out
        }
    }

    struct Address {
        var local: [Unicode.Scalar]
        var domain: [Unicode.Scalar]
        var isQuoted: Bool { local.first == "\"" }
        var scalars: [Unicode.Scalar] { local + ["@"] + domain }
        static func text(_ scalars: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(scalars)) }
    }

    static func address(_ rng: inout SplitMix64, quoted: Bool) -> Address {
        Address(local: quoted ? Grammar.quoted(&rng) : Grammar.dotAtom(&rng), domain: Grammar.domain(&rng))
    }

    @Test func addressesFromTheGrammarAreAccepted() {
        let seed: UInt64 = 0xE3A1
        var rng = SplitMix64(seed: seed)
        let rule = CustomerValidation.rule(for: .email)
        for trial in 0..<4_000 {
            let address = Self.address(&rng, quoted: rng.chance(0.2))
            let text = Address.text(address.scalars)
            #expect(EmailRule.isValid(text), "seed \(seed) trial \(trial): \(String(reflecting: text))")
            if text.unicodeScalars.count <= 255 {
                #expect(rule.check(text) == nil, "seed \(seed) trial \(trial): \(String(reflecting: text))")
            }
        }
    }

    /// One-character changes that leave the grammar; each returns nil where it does not apply.
    enum Mutation: CaseIterable {
        case spaceInLocal, spaceInDomain, secondAt, leadingDot, dotBeforeAt, doubledDot, dotAfterAt
        case removeAt, hyphenStartsLabel, digitEndsLastLabel, controlCharacter, specialCharacter
        case emojiOutsideTheAllowedRanges, controlInQuotes, quoteInQuotes, dropClosingQuote

        func apply(_ a: Address, _ rng: inout SplitMix64) -> [Unicode.Scalar]? {
            var local = a.local, domain = a.domain
            let atomLocal = !a.isQuoted
            func anywhere(_ s: Unicode.Scalar) -> [Unicode.Scalar] {
                // Somewhere in a dot-atom local part, or anywhere in the domain.
                if atomLocal && rng.chance(0.5) {
                    local.insert(s, at: rng.below(local.count + 1))
                } else {
                    domain.insert(s, at: rng.below(domain.count + 1))
                }
                return local + ["@"] + domain
            }
            switch self {
            case .spaceInLocal:
                guard atomLocal else { return nil }
                local.insert(" ", at: rng.below(local.count + 1))
            case .spaceInDomain:
                domain.insert(" ", at: rng.below(domain.count + 1))
            case .secondAt:
                guard atomLocal else { return nil }
                return anywhere("@")
            case .leadingDot:
                guard atomLocal else { return nil }
                local.insert(".", at: 0)
            case .dotBeforeAt:
                guard atomLocal else { return nil }
                local.append(".")
            case .doubledDot:
                let inLocal = atomLocal && local.contains(".") && rng.chance(0.5)
                if inLocal {
                    let dots = local.indices.filter { local[$0] == "." }
                    local.insert(".", at: rng.pick(dots))
                } else {
                    let dots = domain.indices.filter { domain[$0] == "." && $0 < domain.count - 1 }
                    domain.insert(".", at: rng.pick(dots))
                }
            case .dotAfterAt:
                domain.insert(".", at: 0)
            case .removeAt:
                guard atomLocal else { return nil }
                return local + domain
            case .hyphenStartsLabel:
                let starts = [0] + domain.indices.filter { domain[$0] == "." && $0 < domain.count - 1 }.map { $0 + 1 }
                domain.insert("-", at: rng.pick(starts))
            case .digitEndsLastLabel:
                let end = domain.last == "." ? domain.count - 1 : domain.count
                domain.insert(rng.pick(Grammar.digits), at: end)
            case .controlCharacter:
                return anywhere(rng.scalar(in: 0x00...0x1F))
            case .specialCharacter:
                return anywhere(rng.pick(Array("()<>[]:;,\\\" ".unicodeScalars)))
            case .emojiOutsideTheAllowedRanges:
                let outside: [ClosedRange<UInt32>] = [0x10000...0x10FFFF, 0xFDD0...0xFDEF, 0xFFF0...0xFFFD, 0x80...0x9F]
                return anywhere(rng.scalar(in: rng.pick(outside)))
            case .controlInQuotes:
                guard a.isQuoted else { return nil }
                var c = rng.scalar(in: 0x00...0x1F)
                if c == "\t" { c = "\u{0}" }
                local.insert(c, at: rng.between(1, local.count - 1))
            case .quoteInQuotes:
                guard a.isQuoted else { return nil }
                // Right after an escaping backslash the quote would be legal: put it after a
                // position that is not one.
                let spots = (1..<local.count).filter { local[$0 - 1] != "\\" || $0 == 1 }
                local.insert("\"", at: rng.pick(spots))
            case .dropClosingQuote:
                guard a.isQuoted else { return nil }
                local.removeLast()
            }
            return local + ["@"] + domain
        }
    }

    @Test(arguments: Mutation.allCases)
    func mutationsThatBreakTheGrammarAreRejected(mutation: Mutation) {
        let seed = 0xBAD0 + UInt64(Mutation.allCases.firstIndex(of: mutation)!)
        var rng = SplitMix64(seed: seed)
        var applied = 0
        for trial in 0..<1_500 {
            let address = Self.address(&rng, quoted: rng.chance(0.3))
            guard let mutated = mutation.apply(address, &rng) else { continue }
            applied += 1
            let before = Address.text(address.scalars)
            let after = Address.text(mutated)
            #expect(EmailRule.isValid(before), "seed \(seed) trial \(trial): \(String(reflecting: before))")
            #expect(!EmailRule.isValid(after),
                    "seed \(seed) trial \(trial) \(mutation): \(String(reflecting: before)) -> \(String(reflecting: after))")
            if !after.isEmpty, after.unicodeScalars.count <= 255 {
                #expect(CustomerValidation.check(.email, after)?.kind == .invalidEmail, "\(String(reflecting: after))")
            }
        }
        #expect(applied > 300)
    }
}
