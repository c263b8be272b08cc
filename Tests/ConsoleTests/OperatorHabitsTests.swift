@testable import Console
import CustomerKit
import Testing
import TerminalUI

/// What broke when new operators used the console by habit (issue 9): every test here failed
/// before its fix.
@Suite struct OperatorHabitsTests {
    /// Opens the create form with the external id typed and focus on the country field.
    static func atCountry(_ h: inout ConsoleHarness) async {
        await h.press(.character("n"))
        await h.type("uk-1")
        for _ in 0..<8 { await h.press(.tab) }
    }

    static func form(_ h: ConsoleHarness) -> CustomerFormScreen? { h.app.stack.last as? CustomerFormScreen }

    @Test("\"uk\" then Tab stores GB, never UA (Ukraine)", arguments: [Key.tab, .enter])
    func ukIsGB(take: Key) async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await Self.atCountry(&h)
        await h.type("uk")
        #expect(h.contains("GB  United Kingdom (UK)"))
        await h.press(take)
        #expect(Self.form(h)?.draft[.addressCountry] == "GB")
        await h.press(.control("s"))
        #expect(backend.creates.first?.addressCountry == "GB")
    }

    @Test("usa, Great Britain, England, Holland lead to the right code", arguments: [
        ("usa", "US"), ("Great Britain", "GB"), ("England", "GB"), ("Holland", "NL"), ("holl", "NL"),
    ])
    func everydayNames(typed: String, code: String) async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await Self.atCountry(&h)
        await h.type(typed)
        await h.press(.tab)
        #expect(Self.form(h)?.draft[.addressCountry] == code, "\(typed)")
    }

    @Test func aCodeISODoesNotAssignLeftAsItIsNamesTheRightOne() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await Self.atCountry(&h)
        await h.type("uk")
        await h.press(.escape, .backTab)  // close the suggestions, leave the field as typed
        #expect(Self.form(h)?.draft[.addressCountry] == "UK")
        #expect(h.contains("UK? use GB"))
        await h.press(.control("s"))
        #expect(h.contains("the United Kingdom is GB"))
    }

    @Test("a combining accent typed as its own keystroke joins its letter")
    func combiningMarkAsItsOwnKey() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .tab)
        await h.type("Jose")
        await h.press(.character("\u{301}"))
        #expect(Self.form(h)?.draft[.name] == "Jose\u{301}")
        #expect(!h.contains("at most"))
    }

    @Test("a family emoji arriving code point by code point keeps its joiners")
    func emojiCodePointByCodePoint() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .tab)
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        for scalar in family.unicodeScalars { await h.press(.character(Character(scalar))) }
        #expect(Self.form(h)?.draft[.name] == family)
        #expect(Self.form(h)?.draft[.name].count == 1)
    }

    @Test("a lone combining mark is refused with a message that says why")
    func loneCombiningMark() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .tab)
        await h.press(.character("\u{301}"))
        #expect(Self.form(h)?.draft[.name] == "")
        #expect(h.contains("combining mark needs a letter before it"))
        #expect(!h.contains("at most 255"))
    }

    @Test("a metadata pair being typed is in the draft kept on disk")
    func halfTypedPairIsInTheDraft() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        await h.type("m-1")
        for _ in 0..<9 { await h.press(.tab) }
        await h.press(.enter)
        await h.type("tier")
        await h.press(.tab)
        await h.type("gol")
        let kept = h.app.openDrafts.first?.draft
        #expect(kept?.metadata == [CustomerDraft.Pair(key: "tier", value: "gol")])
        #expect(kept?[.externalID] == "m-1")
    }

    @Test("Enter flows on through an empty metadata row instead of complaining")
    func enterFlowsThroughMetadata() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"))
        await h.type("flow-1")
        for _ in 0..<9 { await h.press(.enter) }
        #expect(Self.form(h)?.focus == .pairs(.metadata))
        await h.press(.enter, .enter)
        // (The fake backend keeps no mappings: integrations are read-only, so tax rates are next.)
        #expect(Self.form(h)?.focus == .pairs(.taxRates))
        await h.press(.enter, .enter)
        #expect(Self.form(h)?.focus == .parent)
        #expect(!h.contains("cannot be empty"))
    }

    @Test("after shrinking and growing back, unfocused fields show the start of their text")
    func fieldsUnscrollAfterAResize() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .tab, .tab)
        await h.type("ops@example.com")
        await h.press(.tab)
        await h.resize(Size(cols: 40, rows: 10))
        await h.resize(Size(cols: 80, rows: 24))
        #expect(h.contains("ops@example.com"))
        await h.press(.backTab)
        #expect(h.contains("ops@example.com"))
    }

    @Test("an email with a trailing space says so")
    func emailTrailingSpace() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .tab, .tab)
        await h.type("ops@example.com ")
        await h.press(.tab)
        #expect(h.contains("ends with a space"))
    }
}

/// Every clipped text shows that it is clipped, and every stored value can be read whole.
@Suite struct ClippedTextTests {
    static let longAddress = String(repeating: "Königsallee 92a, Hinterhaus, 3. OG links ", count: 6)

    static func customer(metadata: [String: String] = [:], line1: String = "") -> Customer {
        Customer(id: "cust_long", externalID: "long-1", name: "Long Values GmbH", email: "ops@example.com",
                 addressLine1: line1, metadata: metadata, createdAt: .now(), updatedAt: .now())
    }

    @Test("three metadata pairs at 80x24 are all on the detail screen")
    func detailShowsAllMetadata() async {
        let backend = FakeBackend()
        backend.add(Self.customer(metadata: ["tier": "gold", "region": "eu", "owner": "alice"]))
        var h = await ConsoleHarness(backend: backend)
        await h.press(.enter)
        var seen = h.screen()
        // Whatever does not fit is one PgDn away, and the screen says so.
        if !seen.contains("tier = gold") {
            #expect(h.contains("more below: PgDn"))
            await h.press(.pageDown)
            seen += h.screen()
        }
        for pair in ["owner = alice", "region = eu", "tier = gold"] { #expect(seen.contains(pair), "\(pair)") }
    }

    @Test("a 255-byte address line can be read whole on the detail screen")
    func longAddressReadsWhole() async {
        let line = String(Self.longAddress.utf8.prefix(255))!
        let backend = FakeBackend()
        backend.add(Self.customer(line1: line))
        var h = await ConsoleHarness(backend: backend)
        await h.press(.enter)
        var text = ""
        for _ in 0..<4 {
            text += h.lines().map { $0.count > 18 ? String($0.dropFirst(18)) : "" }.joined()
            await h.press(.pageDown)
        }
        #expect(text.replacingOccurrences(of: " ", with: "").contains(line.replacingOccurrences(of: " ", with: "")))
    }

    @Test("a long value in an unfocused field and in a list cell ends in a clip marker")
    func clipMarkers() async {
        let backend = FakeBackend()
        backend.add(Self.customer(line1: Self.longAddress))
        var h = await ConsoleHarness(backend: backend)
        let nameRow = h.lines().first { $0.contains("Long Values") }
        #expect(nameRow != nil)
        await h.press(.character("e"))
        let row = h.lines().first { $0.contains("Address line 1") } ?? ""
        #expect(row.contains("Königsallee"))
        #expect(row.contains("…"))
        // Focused at the end, the hidden start is marked on the left.
        for _ in 0..<3 { await h.press(.tab) }
        let focused = h.lines().first { $0.contains("Address line 1") } ?? ""
        #expect(focused.contains("…"))
    }

    @Test("a long status message wraps instead of being cut mid-sentence")
    func longMessageWraps() async {
        let backend = FakeBackend(count: 1)
        var h = await ConsoleHarness(backend: backend, size: Size(cols: 64, rows: 16))
        backend.failNext(.server(code: "internal_error", status: 500,
                                 message: "the database is being restored from last night's backup and will be back at 06:00 UTC; writes wait until then",
                                 details: [:]))
        await h.press(.character("d"), .character("y"))
        let text = h.lines().joined(separator: " ")
        #expect(text.contains("06:00"))
        #expect(text.contains("until then"))
    }
}

/// The form's help, the list's kept search and the archived list.
@Suite struct ScreenKeysTests {
    @Test("form help is grouped by what the operator is doing, the parent field included")
    func formHelpIsGrouped() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("n"), .function(1))
        guard let help = h.app.stack.last?.help else { Issue.record("no form"); return }
        let headings = help.lines.compactMap { if case .heading(let text) = $0 { text } else { nil } }
        #expect(headings.contains("Moving between fields"))
        #expect(headings.contains("Editing a pair"))
        #expect(headings.contains("Parent customer"))
        // A key listed twice means two different things, each under its own heading.
        var seen = Set<String>()
        for case let .binding(keys, help) in help.lines { #expect(seen.insert(keys + help).inserted, "\(keys) \(help)") }
        #expect(h.contains("Form keys"))
        #expect(h.contains("more: PgDn"))
        await h.press(.pageDown)
        #expect(h.contains("more: PgUp"))
        await h.press(.character("x"))
        #expect(!h.contains("Form keys"))
    }

    @Test("a search kept with Enter is cleared from the list with Esc, and the footer says so")
    func escClearsAKeptSearch() async {
        let backend = FakeBackend(count: 3)
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("/"))
        await h.type("Customer 1")
        await h.press(.enter)
        #expect(h.contains("1 customer "))
        #expect(h.line(23).contains("Esc clear search"))
        await h.press(.escape)
        #expect(h.contains("3 customers"))
        #expect(!h.line(23).contains("clear search"))
    }

    @Test("the archived list offers no edit, and e says why instead of opening a form")
    func archivedCannotBeEdited() async {
        let backend = FakeBackend(count: 1)
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("d"), .character("y"), .character("a"))
        #expect(h.contains("1 archived"))
        #expect(!h.line(23).contains("edit"))
        await h.press(.character("e"))
        #expect(h.app.stack.count == 1)
        #expect(h.contains("cannot be edited"))
        await h.press(.enter)
        #expect(!h.line(23).contains("edit"))
        await h.press(.character("e"))
        #expect(!(h.app.stack.last is CustomerFormScreen))
    }
}

/// What a hostile try of the release build found after the first round of fixes.
@Suite struct SecondRoundTests {
    static func atCountry(_ h: inout ConsoleHarness) async { await OperatorHabitsTests.atCountry(&h) }

    @Test("two letters that are no code stay as typed: never Jamaica for ja, nor any neighbour",
          arguments: ["ja", "UN", "EU", "SU", "KO", "CE", "HO", "TA", "SW"])
    func twoLettersAreACodeOrNothing(typed: String) async {
        for take in [Key.tab, .enter] {
            var h = await ConsoleHarness(backend: FakeBackend())
            await Self.atCountry(&h)
            await h.type(typed)
            await h.press(take)
            #expect(OperatorHabitsTests.form(h)?.draft[.addressCountry] == typed.uppercased(), "\(typed) \(take)")
        }
    }

    @Test("an ambiguous name is offered but not taken until the operator picks one")
    func ambiguousNamesNeedAChoice() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await Self.atCountry(&h)
        await h.type("virgin islands")
        #expect(h.contains("VG  Virgin Islands, British"))
        #expect(h.contains("VI  Virgin Islands, U.S."))
        await h.press(.enter)
        #expect(OperatorHabitsTests.form(h)?.draft[.addressCountry] == "VIRGIN ISLANDS")
        await h.press(.backTab, .control("u"))
        await h.type("virgin islands")
        await h.press(.down, .down, .enter)
        #expect(OperatorHabitsTests.form(h)?.draft[.addressCountry] == "VI")
        // "brit": the United Kingdom is offered first, and taken once picked.
        await h.press(.backTab, .control("u"))
        await h.type("brit")
        #expect(h.contains("GB  United Kingdom (Britain)"))
        await h.press(.down, .tab)
        #expect(OperatorHabitsTests.form(h)?.draft[.addressCountry] == "GB")
    }

    @Test("u.s. is US, and the suggestion box is wide enough to show what was typed")
    func dotsAndWidth() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await Self.atCountry(&h)
        await h.type("great brit")
        #expect(h.contains("GB  United Kingdom (Great Britain)"))
        await h.press(.control("u"))
        await h.type("u.s.")
        await h.press(.tab)
        #expect(OperatorHabitsTests.form(h)?.draft[.addressCountry] == "US")
    }

    @Test("the archived list counts without a stray plural, and help lists Ctrl-Z everywhere")
    func archivedCountAndGlobalHelp() async {
        let backend = FakeBackend(count: 2)
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("?"), .pageDown, .pageDown)
        #expect(h.contains("On every screen"))
        #expect(h.contains("Suspend to the shell"), "\(h)")
        await h.press(.character("x"), .character("a"))
        #expect(h.contains("0 archived"))
        #expect(!h.contains("archiveds"))
    }

    @Test("a yes/no question shows its own keys in the footer, and Enter answers no")
    func confirmFooter() async {
        var h = await ConsoleHarness(backend: FakeBackend(count: 1))
        await h.press(.character("d"))
        #expect(h.line(23).contains("y yes"))
        #expect(!h.line(23).contains("new"))
        await h.press(.enter)
        #expect(h.contains("1 customer "))
    }

    @Test("an audit entry can be read whole")
    func auditEntryWhole() async {
        let long = String(repeating: "Straße der Einheit ", count: 12)
        let trail = MemoryAuditTrail([AuditEntry(time: .now(), operator: "alice", backend: "local: /very/long/path/to/the/store.sqlite",
                                                          action: .update, customerID: "cust_1", externalID: "long-1",
                                                          changes: ["address_line1": .init(old: nil, new: .string(long))])])
        var h = await ConsoleHarness(backend: FakeBackend(), auditTrail: trail)
        await h.press(.character("L"), .enter)
        let text = h.lines().joined(separator: " ").replacingOccurrences(of: "  ", with: " ")
        #expect(text.contains("store.sqlite"))
        #expect(text.replacingOccurrences(of: " ", with: "").contains(long.replacingOccurrences(of: " ", with: "")))
    }
}
