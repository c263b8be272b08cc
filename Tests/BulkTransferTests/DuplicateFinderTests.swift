@testable import BulkTransfer
import CustomerKit
import Foundation
import LocalStore
import Testing

/// The duplicate check gives the same answer whether its ids stay in memory or are sorted
/// into temporary files and merged.
@Suite struct DuplicateFinderTests {
    /// What the check must find: each repeated hash's later lines, with the first line.
    static func expected(_ entries: [(UInt64, Int32)]) -> [Int32: Int32] {
        var first: [UInt64: Int32] = [:]
        var found: [Int32: Int32] = [:]
        for (hash, line) in entries {
            if let earlier = first[hash] { found[line] = earlier } else { first[hash] = line }
        }
        return found
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1_000_000])
    func runsOnDiskFindWhatMemoryFinds(runLimit: Int) throws {
        var generator = SystemRandomNumberGenerator()
        // Few distinct hashes, so that most repeats fall in different runs; lines increase as
        // a file's do, with gaps (quoted line breaks).
        var entries: [(UInt64, Int32)] = []
        var line: Int32 = 2
        for _ in 0..<500 {
            entries.append((UInt64.random(in: 0..<150, using: &generator) &* 0x9E37_79B9_7F4A_7C15, line))
            line += Int32.random(in: 1...3, using: &generator)
        }
        var finder = DuplicateFinder(runLimit: runLimit)
        for (hash, line) in entries { try finder.add(hash: hash, line: line) }
        #expect(try finder.duplicates() == Self.expected(entries))
    }

    @Test func anEmptyFileHasNoDuplicates() throws {
        var finder = DuplicateFinder(runLimit: 2)
        #expect(try finder.duplicates().isEmpty)
    }

    @Test func theImportNamesTheFirstLineAcrossRuns() async throws {
        let store = try LocalCustomerStore.temporary()
        var text = "external_id,name\n"
        for index in 0..<20 { text += "cust-\(index % 7),Name \(index)\n" }
        let path = temporaryFile(text, suffix: ".csv")
        defer { unlink(path) }
        let importer = CustomerImporter(path: path, options: ImportOptions(format: .csv), backend: store,
                                        journalFolder: nil, reportPath: nil)
        importer.duplicateRunLimit = 3
        let result = try await importer.run(dryRun: false)
        #expect(result.summary.created == 7)
        #expect(result.summary.failed == 13)
        // Row k (line k + 2) repeats row k % 7, on line k % 7 + 2.
        let messages = Dictionary(uniqueKeysWithValues: result.failures.map { ($0.line, $0.message) })
        #expect(messages[16] == "External ID: cust-0 is on line 2 already; a file names each customer once")
        #expect(messages[21] == "External ID: cust-5 is on line 7 already; a file names each customer once")
        #expect(try await store.list(CustomerQuery(limit: 50)).total == 7)
    }
}
