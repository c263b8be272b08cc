@testable import BulkTransfer
import CustomerKit
import Foundation
import LocalStore
import Testing

/// An export imported into an empty store gives the same customers, whatever their text.
@Suite struct RoundTripTests {
    static let hostile = [
        "comma, inside", "quote \" inside", "line\nbreak", "crlf\r\nbreak", "漢字とかな", "emoji 👩‍👩‍👧 ok",
        "=SUM(A1:A9)", "+441234", "-minus", "@at", "'=already marked", " spaces around ", "plain",
    ]

    static func seed(_ store: LocalCustomerStore) async throws {
        let parent = try await store.create({
            var r = CreateCustomerRequest()
            r.externalID = "=parent"
            r.name = "Parent, Inc."
            return r
        }())
        for (index, text) in hostile.enumerated() {
            var request = CreateCustomerRequest()
            request.externalID = "ext-\(index)-" + text.prefix(6).replacingOccurrences(of: "\n", with: "")
            request.name = text
            request.addressCity = String(text.prefix(20))
            request.contact = String(text.prefix(20))
            if index % 3 == 0 { request.timezone = "Asia/Tokyo" }
            request.metadata = ["note": text, "k\(index % 4)": "v"]
            if index % 2 == 0 { request.parentCustomerID = parent.id }
            _ = try await store.create(request)
        }
    }

    /// What makes two customers the same to an operator: every text, metadata, the parent by
    /// external id.
    static func comparable(_ store: LocalCustomerStore) async throws -> [String] {
        let all = try await store.list(CustomerQuery(limit: CustomerQuery.maxLimit)).items
        let externalByID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.externalID) })
        return all.map { customer in
            var texts = customer.texts
            texts.parentCustomerID = customer.parentCustomerID.flatMap { externalByID[$0] }
            let metadata = (customer.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return "\(texts) \(metadata)"
        }.sorted()
    }

    @Test(arguments: [BulkFormat.csv, .jsonl])
    func exportThenImportGivesTheSameCustomers(format: BulkFormat) async throws {
        let source = try LocalCustomerStore.temporary()
        try await Self.seed(source)
        let path = NSTemporaryDirectory() + "export-\(UUID().uuidString).\(format.rawValue)"
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let exporter = CustomerExporter(source: source, format: format, search: nil, status: .published)
        let count = try await exporter.export(to: fd)
        close(fd)
        #expect(count == Self.hostile.count + 1)
        if format == .csv {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\n'=SUM(A1:A9)") || text.contains(",'=SUM(A1:A9)"), "a formula is marked for spreadsheets")
            #expect(!text.contains(",=SUM"))
        }

        let target = try LocalCustomerStore.temporary()
        let importer = CustomerImporter(path: path, options: ImportOptions(format: format), backend: target, journalFolder: nil)
        let result = try await importer.run(dryRun: false)
        #expect(result.summary.created == count && result.summary.failed == 0, "\(result.failures)")
        #expect(try await Self.comparable(target) == Self.comparable(source))
    }

    @Test func aSearchExportPagesThroughTheList() async throws {
        let source = try LocalCustomerStore.temporary()
        try await Self.seed(source)
        let path = NSTemporaryDirectory() + "export-\(UUID().uuidString).jsonl"
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let exporter = CustomerExporter(source: source, format: .jsonl, search: "inside", status: .published)
        #expect(try await exporter.export(to: fd) == 2)
        close(fd)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
    }
}
