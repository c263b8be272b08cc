import Console
import CustomerKit
import Testing
import TerminalUI

/// Faster entry: ^N saves and opens the next form, `c` starts a customer from another, `y`/`Y`
/// copy ids to the operator's clipboard (OSC 52).
@Suite struct QuickEntryTests {
    static func acme() -> Customer {
        Customer(id: "cust_acme", externalID: "acme-1", name: "Acme GmbH", email: "billing@acme.example",
                 addressLine1: "Hauptstraße 1", addressCity: "Berlin", addressPostalCode: "10115", addressCountry: "DE",
                 metadata: ["plan": "gold"], createdAt: .now(), updatedAt: .now())
    }

    @Test func ctrlNSavesAndStartsTheNextCustomer() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        await h.type("first-1")
        await h.press(.tab)
        await h.type("First Ltd")
        await h.press(.control("n"))
        #expect(backend.creates.map(\.externalID) == ["first-1"])
        #expect(h.contains("New customer"), "the next form is open")
        #expect(h.contains("Saved First Ltd"), "the save is confirmed under it")
        #expect(!h.contains("first-1"), "and it is empty:\n\(h.screen())")
        await h.type("second-2")
        await h.press(.function(3))
        #expect(backend.creates.map(\.externalID) == ["first-1", "second-2"], "F3 does the same")
        await h.press(.escape)
        #expect(h.contains("2 customers"), "an untouched next form closes without asking:\n\(h.screen())")
    }

    @Test func ctrlNWithAnInvalidFieldSavesNothingAndStays() async {
        let backend = FakeBackend()
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("n"))
        await h.type("bad-1")
        await h.press(.tab, .tab)
        await h.type("not an email")
        await h.press(.control("n"))
        #expect(backend.creates.isEmpty)
        #expect(h.contains("not an email"), "the typing is still there")
    }

    @Test func cStartsANewCustomerFromTheSelectedOne() async {
        let backend = FakeBackend()
        backend.add(Self.acme())
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("c"))
        #expect(h.contains("New customer"))
        #expect(h.contains("A copy of Acme GmbH: give it its own external id."))
        #expect(h.contains("Berlin") && h.contains("billing@acme.example"))
        #expect(!h.contains("acme-1"), "the external id is not copied:\n\(h.screen())")
        await h.press(.control("s"))
        #expect(backend.creates.isEmpty, "no external id: nothing is saved")
        await h.type("acme-2")
        await h.press(.control("s"))
        let request = try? #require(backend.creates.first)
        #expect(request?.externalID == "acme-2")
        #expect(request?.name == "Acme GmbH" && request?.addressCity == "Berlin" && request?.addressCountry == "DE")
        #expect(request?.metadata == ["plan": "gold"])
        #expect(backend.all.count == 2, "the original is untouched beside its copy")
    }

    @Test func aCopyLeftAloneStillAsksBeforeItIsThrownAway() async {
        let backend = FakeBackend()
        backend.add(Self.acme())
        var h = await ConsoleHarness(backend: backend)
        await h.press(.enter)
        await h.press(.character("c"))
        #expect(h.contains("A copy of Acme GmbH"), "c works on the detail screen too")
        await h.press(.escape)
        #expect(h.contains("Discard"), "the copied fields count as typing:\n\(h.screen())")
    }

    @Test func yAndShiftYCopyTheIdsFromTheListAndTheDetail() async {
        let backend = FakeBackend()
        backend.add(Self.acme())
        var h = await ConsoleHarness(backend: backend)
        await h.press(.character("y"))
        #expect(h.copied == ["cust_acme"])
        #expect(h.contains("Copied id cust_acme to the clipboard"))
        await h.press(.character("Y"))
        #expect(h.copied == ["cust_acme", "acme-1"])
        await h.press(.enter)
        await h.press(.character("Y"))
        #expect(h.copied.last == "acme-1")
        #expect(h.contains("Copied external id acme-1"))
    }

    @Test func yOnAnEmptyListCopiesNothing() async {
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("y"))
        #expect(h.copied.isEmpty)
    }
}

@Suite struct ClipboardSequenceTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func aPlainTerminalGetsOneOSC52() {
        #expect(text(ClipboardSequence.bytes(for: "cust_1", environment: ["TERM": "xterm-256color"]))
                == "\u{1B}]52;c;Y3VzdF8x\u{07}")
    }

    @Test func base64CoversEveryPaddingAndNonASCII() {
        for (input, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                                 ("Zürich-ö", "WsO8cmljaC3Dtg==")] {
            #expect(text(ClipboardSequence.bytes(for: input, environment: [:])) == "\u{1B}]52;c;\(encoded)\u{07}")
        }
    }

    @Test func insideTmuxTheSequenceIsAlsoPassedThrough() {
        let bytes = text(ClipboardSequence.bytes(for: "x", environment: ["TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color"]))
        #expect(bytes == "\u{1B}]52;c;eA==\u{07}" + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;eA==\u{07}\u{1B}\\")
    }

    @Test func insideScreenItIsWrappedOnce() {
        let expected = "\u{1B}P\u{1B}]52;c;eA==\u{07}\u{1B}\\"
        #expect(text(ClipboardSequence.bytes(for: "x", environment: ["TERM": "screen.xterm-256color"])) == expected)
        #expect(text(ClipboardSequence.bytes(for: "x", environment: ["STY": "1234.pts-0.host", "TERM": "xterm"])) == expected)
    }
}
