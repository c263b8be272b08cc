import JSONStrings
import Testing
@testable import TerminalUI

/// The one decoder of JSON string escapes, used by the theme parser and the API server's
/// duplicate-key scan.
@Suite struct JSONStringEscapesTests {
    private func decode(_ text: String) -> String? {
        JSONStringEscapes.decode(Array(text.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func everyEscapeOfTheGrammar() {
        #expect(decode(#"plain"#) == "plain")
        #expect(decode(#"\"\\\/\b\f\n\r\t"#) == "\"\\/\u{08}\u{0C}\n\r\t")
        #expect(decode(#"n\u0061me"#) == "name")
        #expect(decode(#"\u00e9\u00C9"#) == "éÉ")
    }

    @Test func surrogatePairsJoinAndLoneOnesBecomeReplacementCharacters() {
        #expect(decode(#"\uD83D\uDE00"#) == "😀")
        // A high surrogate followed by another escape: that escape is kept, not swallowed.
        #expect(decode(#"\uD800\u0041"#) == "\u{FFFD}A")
        #expect(decode(#"\uD800x"#) == "\u{FFFD}x")
        #expect(decode(#"\uDE00"#) == "\u{FFFD}")
        #expect(decode(#"\uD83D"#) == "\u{FFFD}")
        #expect(decode(#"\uD83D\uD83D\uDE00"#) == "\u{FFFD}😀")
    }

    @Test func malformedEscapesAreRefused() {
        for bad in [#"\x"#, #"\u12"#, #"\u12g4"#, #"end\"#, #"\U0041"#] {
            #expect(decode(bad) == nil, "\(bad)")
        }
    }

    @Test func theThemeParserReadsStringsWithIt() throws {
        #expect(try JSONValue.parse(#""\uD800\u0041""#) == .string("\u{FFFD}A"))
        #expect(try JSONValue.parse(#"{"k\u0065y": "\ud83d\ude00"}"#) == .object([(key: "key", value: .string("😀"))]))
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(#""\q""#) }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse("\"a\u{01}\"") }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(#""open"#) }
    }
}
