import Console
import CustomerKit
import Foundation
import LocalStore
import Testing
import TerminalUI

/// Import (`i`) and export (`x`) from the list, headless, against a real local store.
@Suite struct BulkScreenTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "bulk-screens-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func importChecksShowsTheFailingRowsThenImportsOnConfirm() async throws {
        let folder = try Self.folder()
        let file = folder + "/crm.csv"
        try "external_id,name,email\nacme-1,Acme,billing@acme.com\nbolt-2,Bolt,not-an-email\ncoda-3,Coda,\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let store = try LocalCustomerStore.temporary()
        var h = await ConsoleHarness(backend: store)
        await h.press(.character("i"))
        #expect(h.contains("Import customers from a CSV or JSON Lines file"))
        #expect(h.contains("check file"), "the footer shows the keys")
        await h.type(file)
        await h.press(.enter)
        #expect(h.contains("3 rows: 2 to create, 0 to update, 0 unchanged, 0 to skip, 1 failing."))
        #expect(h.contains("line 3  email  Email: not a valid email address"))
        #expect(try await store.list(CustomerQuery()).total == 0, "the check writes nothing")
        await h.press(.enter)
        #expect(h.contains("3 of 3 rows: 2 created, 0 updated, 0 unchanged, 0 skipped, 1 failed."))
        await h.press(.escape)
        #expect(h.contains("Acme"))
        #expect(h.contains("Coda"))
        #expect(h.contains("2 customers"))
    }

    @Test func tabCompletesTheFileNameAndShowsTheMatches() async throws {
        let folder = try Self.folder()
        for name in ["crm-a.csv", "crm-b.csv", "other.txt"] { FileManager.default.createFile(atPath: folder + "/" + name, contents: Data()) }
        var h = await ConsoleHarness(backend: FakeBackend())
        await h.press(.character("i"))
        await h.type(folder + "/cr")
        await h.press(.tab)
        #expect(h.contains(folder + "/crm-"))
        #expect(h.contains("crm-a.csv  crm-b.csv"))
        await h.type("b")
        await h.press(.tab)
        #expect(h.contains(folder + "/crm-b.csv"))
        #expect(!h.contains("crm-a.csv  crm-b.csv"))
    }

    @Test func aFileThatCannotBeReadSaysWhereAndWritesNothing() async throws {
        let folder = try Self.folder()
        let file = folder + "/broken.csv"
        try "external_id,name\nok-1,Fine\nbad-2,\"never closed\n".write(toFile: file, atomically: true, encoding: .utf8)
        let store = try LocalCustomerStore.temporary()
        var h = await ConsoleHarness(backend: store)
        await h.press(.character("i"))
        await h.type(file)
        await h.press(.enter)
        #expect(h.contains("This file cannot be imported; nothing was written. line 3:"))
        await h.press(.escape)
        #expect(h.contains(file), "the path is kept to fix and try again")
        #expect(try await store.list(CustomerQuery()).total == 0)
    }

    @Test func exportWritesTheListsSearchToAFile() async throws {
        let folder = try Self.folder()
        let store = try LocalCustomerStore.temporary()
        for (id, name) in [("acme-1", "Acme"), ("bolt-2", "Bolt"), ("acme-3", "Acme Two")] {
            var request = CreateCustomerRequest()
            request.externalID = id
            request.name = name
            _ = try await store.create(request)
        }
        var h = await ConsoleHarness(backend: store, size: Size(cols: 160, rows: 24))
        await h.press(.character("/"))
        await h.type("acme")
        await h.press(.enter, .character("x"))
        #expect(h.contains("Export customers matching “acme” to a file."))
        let target = folder + "/acme.csv"
        await h.press(.control("u"))
        await h.type(target)
        await h.press(.enter)
        #expect(h.contains("Exported 2 customers to \(target)."))
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.hasPrefix("external_id,name,email"))
        #expect(text.contains("acme-1,Acme,") && text.contains("acme-3,Acme Two,") && !text.contains("bolt-2"))
    }
}
