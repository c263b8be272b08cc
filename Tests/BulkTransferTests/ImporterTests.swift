@testable import BulkTransfer
import CustomerKit
import Foundation
import LocalStore
import Testing

/// An import into a real local store (a temporary file), from a file on disk.
struct ImportFixture {
    let store: LocalCustomerStore
    let journals = NSTemporaryDirectory() + "bulk-journals-\(UUID().uuidString)"

    init() throws {
        store = try LocalCustomerStore.temporary()
    }

    func run(_ text: String, suffix: String = ".csv", dryRun: Bool = false, report: String? = nil,
             configure: (inout ImportOptions) -> Void = { _ in }, stopAfterBatches: Int? = nil,
             backend: (any BulkCustomerBackend)? = nil) async throws -> CustomerImporter.Result {
        let path = temporaryFile(text, suffix: suffix)
        defer { unlink(path) }
        var options = ImportOptions(format: BulkFormat(path: path)!)
        configure(&options)
        let importer = CustomerImporter(path: path, options: options, backend: backend ?? store, journalFolder: journals,
                                        reportPath: report)
        if let stopAfterBatches {
            let batches = Batches()
            importer.onProgress = { if $0.phase == .importing { batches.add() } }
            importer.shouldStop = { batches.count >= stopAfterBatches }
        }
        return try await importer.run(dryRun: dryRun)
    }

    func all() async throws -> [Customer] {
        try await store.list(CustomerQuery(limit: CustomerQuery.maxLimit)).items.sorted { $0.externalID < $1.externalID }
    }
}

final class Batches: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

@Suite struct ImporterTests {
    static let header = "external_id,name,email,address_country,metadata.tier,metadata.region\n"

    @Test func createsThenUpdatesOnlyWhatDiffersThenFindsItUnchanged() async throws {
        let f = try ImportFixture()
        var result = try await f.run(Self.header + "a-1,Alpha,a@x.co,DE,gold,eu\nb-2,Beta,,GB,,\n")
        #expect(result.summary.created == 2 && result.summary.failed == 0)
        let alpha = try await f.store.customer(externalID: "a-1")
        #expect(alpha.metadata == ["tier": "gold", "region": "eu"])

        result = try await f.run("external_id,email,metadata.tier\na-1,new@x.co,silver\nb-2,,\n")
        #expect(result.summary.updated == 1 && result.summary.unchanged == 1)
        let updated = try await f.store.customer(externalID: "a-1")
        #expect(updated.email == "new@x.co")
        #expect(updated.name == "Alpha", "a column the file does not have is left alone")
        #expect(updated.metadata == ["tier": "silver", "region": "eu"], "metadata merges as FlexPrice does")

        result = try await f.run("external_id,email,metadata.tier\na-1,new@x.co,silver\n")
        #expect(result.summary.unchanged == 1 && result.summary.updated == 0)
        #expect(try await f.store.customer(externalID: "a-1").updatedAt == updated.updatedAt)
    }

    @Test func metadataReplaceAndTheOnExistingPolicies() async throws {
        let f = try ImportFixture()
        _ = try await f.run(Self.header + "a-1,Alpha,,,gold,eu\n")
        var result = try await f.run("external_id,metadata.tier\na-1,bronze\n", configure: { $0.metadata = .replace })
        #expect(result.summary.updated == 1)
        #expect(try await f.store.customer(externalID: "a-1").metadata == ["tier": "bronze"])
        result = try await f.run("external_id,name\na-1,Other\n", configure: { $0.onExisting = .skip })
        #expect(result.summary.skipped == 1)
        result = try await f.run("external_id,name\na-1,Other\n", configure: { $0.onExisting = .fail })
        #expect(result.summary.failed == 1)
        #expect(result.failures.first?.message.contains("is taken by cust_") == true)
        #expect(try await f.store.customer(externalID: "a-1").name == "Alpha")
    }

    @Test func theDryRunCountsAndWritesNothing() async throws {
        let f = try ImportFixture()
        _ = try await f.run(Self.header + "a-1,Alpha,,,,\n")
        let result = try await f.run(Self.header + "a-1,Alpha 2,,,,\na-1,dup,,,,\nn-1,New,bad,,,\nn-2,New,,XX,,\nn-3,Fine,,,,\n",
                                     dryRun: true)
        #expect(result.summary.dryRun)
        #expect(result.summary.updated == 1 && result.summary.created == 1 && result.summary.failed == 3)
        #expect(result.failures.map(\.line) == [3, 4, 5])
        #expect(result.failures[0].column == "external_id" && result.failures[0].message.contains("line 2"))
        #expect(result.failures[1].message == CustomerValidation.check(.email, "bad")!.message, "the form's own message")
        #expect(try await f.all().map(\.externalID) == ["a-1"])
        #expect(try await f.store.customer(externalID: "a-1").name == "Alpha")
    }

    @Test func aFixedReportImportsAgainAsItIs() async throws {
        let f = try ImportFixture()
        let report = NSTemporaryDirectory() + "report-\(UUID().uuidString).csv"
        defer { unlink(report) }
        let first = try await f.run(Self.header + "a-1,Alpha,a@x.co,,,\nb-2,Beta,not-an-email,,,\n", report: report)
        #expect(first.summary.created == 1 && first.summary.failed == 1)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.hasPrefix("import_line,import_outcome,import_column,import_message,external_id,name,email"))
        #expect(text.contains("3,failed,email,"))
        // The operator fixes the email in the report and imports the report itself.
        let fixed = text.replacingOccurrences(of: "not-an-email", with: "beta@x.co")
        let again = try await f.run(fixed)
        #expect(again.summary.created == 1 && again.summary.unchanged == 1 && again.summary.failed == 0)
        #expect(try await f.store.customer(externalID: "b-2").email == "beta@x.co")
    }

    @Test func aStoppedImportFinishesOnTheNextRunWithEveryRowOnce() async throws {
        let f = try ImportFixture()
        var text = Self.header
        for index in 0..<95 { text += "r-\(index),Row \(index),r\(index)@x.co,,,\n" }
        let first = try await f.run(text, configure: { $0.batchSize = 10 }, stopAfterBatches: 3)
        #expect(!first.summary.finished)
        #expect(first.summary.created == 30)
        let second = try await f.run(text, configure: { $0.batchSize = 10 })
        #expect(second.summary.finished)
        #expect(second.summary.alreadyDone == 30)
        #expect(second.summary.created == 95, "the already-done rows count as what they were")
        let all = try await f.all()
        #expect(all.count == 95)
        #expect(Set(all.map(\.externalID)).count == 95)
        // Finished: the journal is gone, and a third run finds everything unchanged.
        let third = try await f.run(text, configure: { $0.batchSize = 10 })
        #expect(third.summary.alreadyDone == 0 && third.summary.unchanged == 95)
    }

    @Test func aBatchWrittenButNotJournaledIsNotAppliedTwice() async throws {
        let f = try ImportFixture()
        var text = Self.header
        for index in 0..<25 { text += "r-\(index),Row \(index),,,,\n" }
        _ = try await f.run(text, configure: { $0.batchSize = 10 }, stopAfterBatches: 2)
        // As if killed after the store's commit and before the journal's line: the journal's
        // last entry is torn.
        let journal = try #require(FileManager.default.contentsOfDirectory(atPath: f.journals).first)
        let path = f.journals + "/" + journal
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        let lastLine = data.dropLast().lastIndex(of: 0x0A).map { data.index(after: $0) } ?? 0
        data = data.prefix(lastLine + 5)
        try data.write(to: URL(fileURLWithPath: path))
        let second = try await f.run(text, configure: { $0.batchSize = 10 })
        #expect(second.summary.alreadyDone == 10)
        #expect(second.summary.unchanged == 10, "the second batch was in the store already")
        #expect(second.summary.created == 15)
        #expect(try await f.all().count == 25)
    }

    @Test func aParentEarlierInTheFileIsFound() async throws {
        let f = try ImportFixture()
        let result = try await f.run("external_id,name,parent_customer_external_id\nhq,Head office,\nbranch,Branch,hq\n")
        #expect(result.summary.created == 2, "\(result.failures)")
        let hq = try await f.store.customer(externalID: "hq")
        #expect(try await f.store.customer(externalID: "branch").parentCustomerID == hq.id)
    }

    @Test func jsonLinesAreAPIBodies() async throws {
        let f = try ImportFixture()
        let result = try await f.run("""
            {"external_id":"j-1","name":"Jay","metadata":{"k":"v"},"timezone":"Europe/Berlin"}

            {"external_id":"j-2","email":"nope"}
            """, suffix: ".jsonl")
        #expect(result.summary.created == 1 && result.summary.failed == 1)
        #expect(result.failures.first?.line == 3)
        let jay = try await f.store.customer(externalID: "j-1")
        #expect(jay.timezone == "Europe/Berlin" && jay.metadata == ["k": "v"])
        do {
            _ = try await f.run("{\"external_id\":\"x\"}\nnot json\n", suffix: ".jsonl")
            Issue.record("a line that is not JSON was taken")
        } catch {
            #expect((error as? BulkFileError)?.line == 2)
        }
        #expect(try await f.all().count == 1, "a bad file writes nothing")
    }

    @Test func aBadFileWritesNothingEvenWhenTheBadLineIsLast() async throws {
        let f = try ImportFixture()
        do {
            _ = try await f.run(Self.header + "a-1,Alpha,,,,\nb-2,\"open,,,,\n")
            Issue.record("an unterminated quote was taken")
        } catch {
            #expect((error as? BulkFileError)?.line == 3)
        }
        #expect(try await f.all().isEmpty)
    }

    @Test func theNetworkGoingAwayStopsTheRunAndTheNextRunFinishes() async throws {
        let f = try ImportFixture()
        var text = Self.header
        for index in 0..<30 { text += "r-\(index),Row \(index),,,,\n" }
        let flaky = FlakyBulk(base: f.store, failAfterWrites: 12)
        let first = try await f.run(text, configure: { $0.batchSize = 5 }, backend: flaky)
        #expect(first.stoppedBy != nil)
        #expect(!first.summary.finished)
        let second = try await f.run(text, configure: { $0.batchSize = 5 })
        #expect(second.summary.finished && second.summary.failed == 0)
        // The twelve rows written before the failure were noted, the rest of their batch not.
        #expect(second.summary.alreadyDone == 12)
        #expect(try await f.all().count == 30)
    }
}

/// The local store, until `failAfterWrites` writes have gone through: then every write is a
/// network failure (the rows of the batch before it were written).
final class FlakyBulk: BulkCustomerBackend, ForwardingBackend, @unchecked Sendable {
    let base: LocalCustomerStore
    let failAfterWrites: Int
    private let lock = NSLock()
    private var writes = 0

    init(base: LocalCustomerStore, failAfterWrites: Int) {
        self.base = base
        self.failAfterWrites = failAfterWrites
    }

    var forwardee: any CustomerBackend { base }
    func published(externalIDs: [String]) async throws(CustomerError) -> [String: Customer] {
        try await base.published(externalIDs: externalIDs)
    }
    func forEachBatch(status: CustomerStatus, batchSize: Int, _ body: ([Customer]) async throws -> Void) async throws {
        try await base.forEachBatch(status: status, batchSize: batchSize, body)
    }

    func apply(_ writes: [BulkWrite]) async throws(CustomerError) -> [Result<CustomerUpdate, CustomerError>] {
        var results: [Result<CustomerUpdate, CustomerError>] = []
        for write in writes {
            let allowed = lock.withLock { () -> Bool in
                self.writes += 1
                return self.writes <= failAfterWrites
            }
            if allowed {
                results += try await base.apply([write])
            } else {
                results.append(.failure(.transport(.connectionLost, message: "The network is unreachable")))
            }
        }
        return results
    }
}
