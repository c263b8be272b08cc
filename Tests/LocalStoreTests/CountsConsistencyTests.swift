import CustomerKit
import Foundation
import GRDB
@testable import LocalStore
import Testing

/// The counters (per status, per 1-2 character gram) must always equal a recount.
@Suite("Counters stay exact")
struct CountsConsistencyTests {
    @Test func countersMatchARecountAfterMixedWrites() async throws {
        let store = try makeStore(clock: TestClock())
        var generator = SystemRandomNumberGenerator()
        let words = ["Äpfel", "apfel", "Öl", "ol", "Zoë", "ZOE", "müller", "x", "ab", "ßtraße", "日本", "🙂 ok"]
        var ids: [String] = []
        for index in 0..<60 {
            let name = words.randomElement(using: &generator)! + " " + words.randomElement(using: &generator)!
            ids.append(try await store.create(CreateCustomerRequest(
                externalID: "k\(index)", name: name, email: "p\(index)@\(["ab", "cd"].randomElement()!).io")).id)
        }
        for id in ids.shuffled().prefix(20) {
            _ = try await store.update(.id(id), UpdateCustomerRequest(name: words.randomElement()!))
        }
        for id in ids.shuffled().prefix(15) { try await store.delete(id: id) }

        let scope = store.storeScope
        let (records, grams, published) = try await store.read { db in
            let records = try Row.fetchAll(db, sql: "SELECT \(CustomerRecord.columns) FROM customers WHERE scope_no = ?",
                                           arguments: [scope.number]).map(CustomerRecord.init(row:))
            let grams = try Dictionary(uniqueKeysWithValues: Row.fetchAll(
                db, sql: "SELECT gram, rows FROM search_gram_counts WHERE scope_no = ? AND rows > 0",
                arguments: [scope.number]).map { ($0[0] as String, $0[1] as Int) })
            let published = try Int.fetchOne(
                db, sql: "SELECT rows FROM customer_counts WHERE scope_no = ? AND status = 'published'",
                arguments: [scope.number]) ?? 0
            return (records, grams, published)
        }
        var recount: [String: Int] = [:]
        for record in records where record.status == .published {
            for key in record.grams(record.searchValues).keys { recount[GramSet.text(of: key), default: 0] += 1 }
        }
        #expect(grams == recount)
        #expect(published == records.filter { $0.status == .published }.count)
        // And every short search's total equals a brute-force count.
        // Searches are trimmed, so grams with white space at an end cannot be asked for.
        for gram in recount.keys.filter({ SearchPlan.trimmed($0) == $0 }).prefix(60) {
            let total = try await store.list(CustomerQuery(search: gram)).total
            let expected = records.filter { record in
                record.status == .published && [record.name, record.email, record.externalID]
                    .contains { SearchText.normalize($0).contains(gram) }
            }.count
            #expect(total == expected, "search \(gram)")
        }
    }
}
