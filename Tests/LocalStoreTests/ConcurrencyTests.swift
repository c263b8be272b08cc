import CustomerKit
import Foundation
@testable import LocalStore
import Testing

@Suite("Concurrent writers")
struct ConcurrencyTests {
    @Test func twoStoresOnOneFileWriteAtOnceWithoutLoss() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("busy.sqlite")
        let first = try LocalCustomerStore(path: path)
        let second = try LocalCustomerStore(path: path)
        let perStore = 200
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, store) in [("a", first), ("b", second)] {
                for index in 0..<perStore {
                    group.addTask {
                        _ = try await store.create(CreateCustomerRequest(externalID: "\(name)-\(index)", name: "Parallel \(name)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let page = try await first.list(CustomerQuery(limit: 1000))
        #expect(page.total == 2 * perStore)
        #expect(Set(page.items.map(\.externalID)).count == 2 * perStore)
        #expect(try await second.list(CustomerQuery(search: "parallel b")).total == perStore)
        #expect(try await second.list(CustomerQuery(search: "b")).total == perStore)
    }

    @Test func racingCreatesOfOneExternalIDLeaveExactlyOne() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("race.sqlite")
        let stores = [try LocalCustomerStore(path: path), try LocalCustomerStore(path: path)]
        let outcomes = await withTaskGroup(of: String.self) { group in
            for index in 0..<20 {
                group.addTask {
                    do {
                        _ = try await stores[index % 2].create(CreateCustomerRequest(externalID: "contested"))
                        return "created"
                    } catch {
                        return (error as? CustomerError)?.code ?? "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "created" }.count == 1)
        #expect(outcomes.filter { $0 == "already_exists" }.count == 19)
    }
}
