import CustomerKit
import Foundation
@testable import LocalStore
import Testing

/// A clock tests can set and move; the store reads it for created_at, updated_at and ids.
final class TestClock: @unchecked Sendable {
    // @unchecked: `current` is only touched while `lock` is held.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = start }

    func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func set(_ date: Date) {
        lock.lock()
        current = date
        lock.unlock()
    }

    func advance(_ seconds: TimeInterval) {
        lock.lock()
        current += seconds
        lock.unlock()
    }
}

/// A folder under the temporary directory, removed when the test is done with it.
final class TemporaryFolder: Sendable {
    let path: String

    init() {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("localstore-tests-\(UUID().uuidString)")
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

func makeStore(clock: TestClock? = nil, environmentID: String = LocalCustomerStore.defaultEnvironmentID)
    throws -> LocalCustomerStore {
    if let clock {
        return try LocalCustomerStore.temporary(environmentID: environmentID, clock: { clock.now() })
    }
    return try LocalCustomerStore.temporary(environmentID: environmentID)
}

/// The error an operation threw, or nil when it did not throw.
func error(of operation: () async throws -> Void) async -> CustomerError? {
    do {
        try await operation()
        return nil
    } catch let error as CustomerError {
        return error
    } catch {
        Issue.record("not a CustomerError: \(error)")
        return nil
    }
}

extension LocalCustomerStore {
    /// A create with just the fields a test cares about.
    @discardableResult
    func create(_ externalID: String, name: String? = nil, email: String? = nil) async throws -> Customer {
        try await create(CreateCustomerRequest(externalID: externalID, name: name, email: email))
    }

    /// The external ids of a search's first page, in list order.
    func externalIDs(search: String?, limit: Int = 50, offset: Int = 0,
                     status: CustomerStatus = .published) async throws -> [String] {
        try await list(CustomerQuery(search: search, status: status, limit: limit, offset: offset)).items
            .map(\.externalID)
    }
}
