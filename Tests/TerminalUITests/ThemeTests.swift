import Foundation
import Testing
@testable import TerminalUI

/// The repository's Themes/ directory, found from this file so tests work from any directory.
let themesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Themes").path

@Suite("Themes")
struct ThemeTests {
    @Test("every file in Themes/ loads without error and lists every role")
    func shippedThemes() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: themesDirectory).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 4)
        for file in files {
            let path = themesDirectory + "/" + file
            let theme: Theme
            do {
                theme = try ThemeLoader.load(file: path)
            } catch {
                Issue.record("\(error)")
                continue
            }
            #expect(theme.name + ".json" == file, "a theme's name matches its file name")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for role in Role.allCases {
                #expect(text.contains("\"\(role.rawValue)\":"), "\(file) lists \(role)")
            }
        }
        for name in ["default", "light", "high-contrast", "monochrome"] {
            #expect(throws: Never.self) { try ThemeLoader.load(name: name, searchPath: [themesDirectory]) }
        }
    }

    @Test("the built-in default is the same as Themes/default.json")
    func builtinMatchesFile() throws {
        let file = try ThemeLoader.load(file: themesDirectory + "/default.json")
        #expect(file == Theme.builtinDefault)
        let onDisk = try String(contentsOfFile: themesDirectory + "/default.json", encoding: .utf8)
        #expect(onDisk == BuiltinTheme.defaultJSON + "\n" || onDisk == BuiltinTheme.defaultJSON)
    }

    @Test("colours degrade from 256 to 8 to none, attributes from attrs to mono")
    func degrade() {
        let theme = Theme.builtinDefault
        #expect(theme.resolved(.title, colorCount: 256) == ResolvedStyle(foreground: 81, background: -1, attributes: [.bold]))
        #expect(theme.resolved(.title, colorCount: 8) == ResolvedStyle(foreground: 6, background: -1, attributes: [.bold]))
        #expect(theme.resolved(.title, colorCount: 16) == ResolvedStyle(foreground: 6, background: -1, attributes: [.bold]))
        #expect(theme.resolved(.hint, colorCount: 0) == ResolvedStyle(foreground: nil, background: nil, attributes: [.dim]))
        #expect(theme.monochrome.resolved(.selection, colorCount: 256)
                == ResolvedStyle(foreground: nil, background: nil, attributes: [.reverse]))
    }

    @Test("roles and fields a file leaves out inherit from text")
    func inheritance() throws {
        let json = #"{"name": "x", "roles": {"text": {"fg": "white", "bg": {"256": 17, "8": "blue"}, "mono": ["dim"]}, "error": {"fg": "red"}}}"#
        let theme = try ThemeLoader.parse(json, file: "x.json")
        #expect(theme.style(for: .title) == theme.style(for: .text))
        #expect(theme.style(for: .error).foreground == ThemeColor(basic: .red))
        #expect(theme.style(for: .error).background == ThemeColor(index256: 17, basic: .blue))
        #expect(theme.style(for: .error).monoAttributes == [.dim])
        #expect(Set(theme.styles.keys) == Set(Role.allCases))
    }

    @Test("each kind of broken file names the file and the key path", arguments: [
        (#"{"name": "l", "roles": {"title": {"fg": "purpel"}}}"#, ThemeError.Kind.unknownColour,
         #"Themes/light.json: roles.title.fg: unknown colour "purpel""#),
        (#"{"name": "l", "roles": {"titel": {}}}"#, .unknownRole, #"Themes/light.json: roles.titel: unknown role "titel""#),
        (#"{"name": "l", "roles": {"hint": {"fg": {"256": 300, "8": "red"}}}}"#, .indexOutOfRange,
         "Themes/light.json: roles.hint.fg.256: colour index 300 is out of range 0...255"),
        (#"{"name": "l", "roles": {"hint": {"fg": {"256": -1}}}}"#, .indexOutOfRange,
         "Themes/light.json: roles.hint.fg.256: colour index -1"),
        (#"{"name": "l", "roles": {"hint": {"fg": {"256": "12"}}}}"#, .wrongType,
         "Themes/light.json: roles.hint.fg.256: expected a whole number 0...255, found a string"),
        (#"{"name": "l", "roles": {"hint": {"fg": 12}}}"#, .wrongType, "Themes/light.json: roles.hint.fg: expected a colour name"),
        (#"{"name": "l", "roles": {"hint": {"fg": {"8": "navy"}}}}"#, .unknownColour,
         #"Themes/light.json: roles.hint.fg.8: unknown colour "navy""#),
        (#"{"name": "l", "roles": {"hint": {"attrs": ["bold", "blink"]}}}"#, .unknownAttribute,
         #"Themes/light.json: roles.hint.attrs[1]: unknown attribute "blink""#),
        (#"{"name": "l", "roles": {"hint": {"attrs": "bold"}}}"#, .wrongType, "Themes/light.json: roles.hint.attrs: expected an array"),
        (#"{"name": "l", "roles": {"hint": {"fgg": "red"}}}"#, .unknownKey, #"Themes/light.json: roles.hint.fgg: unknown key "fgg""#),
        (#"{"name": "l", "roles": []}"#, .wrongType, "Themes/light.json: roles: expected an object, found an array"),
        (#"{"name": "l"}"#, .missingKey, "Themes/light.json: roles: missing"),
        (#"{"name": 3, "roles": {}}"#, .wrongType, "Themes/light.json: name: expected a string, found a number"),
        (#"{"name": "l", "roles": {"text": {"fg": "red",}}}"#, .invalidJSON, "Themes/light.json: invalid JSON at line 1, column 46: expected a key in quotes"),
        ("{\"name\": \"l\",\n  \"roles\": {\n  \"text\" {}}}", .invalidJSON, "Themes/light.json: invalid JSON at line 3, column 10: expected ':'"),
    ])
    func brokenFiles(json: String, kind: ThemeError.Kind, expectedPrefix: String) {
        do {
            _ = try ThemeLoader.parse(json, file: "Themes/light.json")
            Issue.record("no error for \(json)")
        } catch {
            #expect(error.kind == kind)
            #expect(error.description.hasPrefix(expectedPrefix), "\(error.description)")
        }
    }

    @Test("loading by name from a search path, first directory wins; bad names and missing themes")
    func searchPath() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)").path
        let user = base + "/user", shipped = base + "/shipped"
        try FileManager.default.createDirectory(atPath: user, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: shipped, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        try #"{"name": "ocean", "roles": {"title": {"fg": "blue"}}}"#.write(toFile: user + "/ocean.json", atomically: true, encoding: .utf8)
        try #"{"name": "ocean", "roles": {"title": {"fg": "green"}}}"#.write(toFile: shipped + "/ocean.json", atomically: true, encoding: .utf8)
        try #"{"name": "broken", "roles": {"title": {"fg": "purpel"}}}"#.write(toFile: shipped + "/broken.json", atomically: true, encoding: .utf8)

        let ocean = try ThemeLoader.load(name: "ocean", searchPath: [user, shipped])
        #expect(ocean.style(for: .title).foreground.basic == .blue)
        #expect(try ThemeLoader.load(name: "ocean", searchPath: [shipped, user]).style(for: .title).foreground.basic == .green)
        #expect(try ThemeLoader.load(name: "default", searchPath: [user]) == Theme.builtinDefault)
        #expect(ThemeLoader.availableNames(searchPath: [user, shipped]) == ["broken", "default", "ocean"])

        #expect { try ThemeLoader.load(name: "../etc/passwd", searchPath: [user]) } throws: {
            ($0 as? ThemeError)?.kind == .invalidName
        }
        #expect { try ThemeLoader.load(name: "nope", searchPath: [user]) } throws: {
            ($0 as? ThemeError)?.kind == .notFound && "\($0)".contains("nope")
        }

        let (fallback, warning) = ThemeLoader.resolve(name: "broken", searchPath: [shipped], environment: [:])
        #expect(fallback == Theme.builtinDefault)
        #expect(warning?.hasPrefix(shipped + "/broken.json: roles.title.fg: unknown colour \"purpel\"") == true)
        let (good, none) = ThemeLoader.resolve(name: "ocean", searchPath: [shipped], environment: ["TERM": "xterm"])
        #expect(good.name == "ocean" && !good.isMonochrome && none == nil)
    }

    @Test("NO_COLOR present with any value, even empty, forces monochrome")
    func noColor() {
        let (mono, warning) = ThemeLoader.resolve(name: nil, searchPath: [themesDirectory], environment: ["NO_COLOR": "1"])
        #expect(mono.isMonochrome && warning == nil)
        #expect(mono.resolved(.error, colorCount: 256).foreground == nil)
        #expect(ThemeLoader.resolve(name: "light", searchPath: [themesDirectory], environment: ["NO_COLOR": "yes"]).0.isMonochrome)
        #expect(ThemeLoader.resolve(name: nil, searchPath: [], environment: ["NO_COLOR": ""]).0.isMonochrome)
        #expect(!ThemeLoader.resolve(name: nil, searchPath: [], environment: [:]).0.isMonochrome)
        #expect(!ThemeLoader.resolve(name: nil, searchPath: [], environment: [:]).0.isMonochrome)
    }

    @Test("JSON parser details: escapes, surrogate pairs, numbers, depth")
    func jsonParser() throws {
        #expect(try JSONValue.parse(#"{"a": "\u00e9\ud83d\ude00\n", "b": [1, -2.5e3, true, null]}"#)
                == .object([("a", .string("é😀\n")), ("b", .array([.number("1"), .number("-2.5e3"), .bool(true), .null]))]))
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(String(repeating: "[", count: 100)) }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse(#"{"a": 1} x"#) }
        #expect(throws: JSONValue.SyntaxError.self) { try JSONValue.parse("\"unterminated") }
    }
}
