import CustomerKit
import Foundation
@testable import LocalStore
import Synchronization
import Testing

/// An update made against a version (`expecting:` its `updated_at`) is checked in the same
/// transaction as the write: two writers that read the same version cannot both win, however
/// their steps interleave.
@Suite("Conditional update")
struct ConditionalUpdateTests {
    @Test("of two writers that read the same version, the second is refused with the first's customer")
    func secondWriterIsRefused() async throws {
        let store = try makeStore(clock: TestClock())
        let read = try await store.create(CreateCustomerRequest(externalID: "c1", name: "Acme"))
        // Both read `read`; alice writes first.
        let alice = try await store.update(.id(read.id), UpdateCustomerRequest(name: "Alice's"), expecting: read.updatedAt)
        #expect(alice.before == read)
        let failure = await error { _ = try await store.update(.id(read.id), UpdateCustomerRequest(email: "bob@x.io"),
                                                               expecting: read.updatedAt) }
        guard case .versionConflict(_, let current)? = failure else {
            Issue.record("expected version_conflict, got \(String(describing: failure))")
            return
        }
        #expect(failure?.code == "version_conflict" && failure?.httpStatus == 412)
        #expect(current == alice.after)
        #expect(try await store.customer(id: read.id) == alice.after)  // bob changed nothing
        // Against the version he was shown, bob's write goes through and keeps alice's name.
        let bob = try await store.update(.id(read.id), UpdateCustomerRequest(email: "bob@x.io"), expecting: current.updatedAt)
        #expect(bob.after.name == "Alice's" && bob.after.email == "bob@x.io")
    }

    @Test("every write moves the version on, even when the clock stands still or steps back")
    func versionsAreStrictlyIncreasing() async throws {
        let clock = TestClock()
        let store = try makeStore(clock: clock)
        var versions = [try await store.create(CreateCustomerRequest(externalID: "c1")).updatedAt]
        let id = try await store.customer(externalID: "c1").id
        for step in 0..<5 {
            if step == 3 { clock.advance(-3600) }
            let next = try await store.update(.id(id), UpdateCustomerRequest(name: "n\(step)"), expecting: versions.last)
            versions.append(next.after.updatedAt)
        }
        #expect(zip(versions, versions.dropFirst()).allSatisfy { $0 < $1 })
        // An old version never matches again.
        let stale = await error { _ = try await store.update(.id(id), UpdateCustomerRequest(name: "late"), expecting: versions[2]) }
        #expect(stale?.code == "version_conflict")
    }

    @Test("two stores on one file (two processes): the check holds across them")
    func acrossConnections() async throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
        let path = folder.file("customers.sqlite")
        let one = try LocalCustomerStore(path: path, operator: "alice")
        let two = try LocalCustomerStore(path: path, operator: "bob")
        let read = try await one.create(CreateCustomerRequest(externalID: "shared", name: "Start"))
        _ = try await two.update(.id(read.id), UpdateCustomerRequest(name: "Bob's"), expecting: read.updatedAt)
        let failure = await error { _ = try await one.update(.id(read.id), UpdateCustomerRequest(name: "Alice's"),
                                                             expecting: read.updatedAt) }
        guard case .versionConflict(_, let current)? = failure else {
            Issue.record("expected version_conflict, got \(String(describing: failure))")
            return
        }
        #expect(current.name == "Bob's" && current.updatedBy == "bob")
        #expect(failure?.message.contains("bob") == true)
    }

    @Test("many writers racing from one version: exactly one wins, the rest are told who did")
    func racingWriters() async throws {
        let store = try makeStore()
        let read = try await store.create(CreateCustomerRequest(externalID: "race", name: "Start"))
        let outcomes = await withTaskGroup(of: Result<CustomerUpdate, CustomerError>.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    do throws(CustomerError) {
                        return .success(try await store.update(.id(read.id), UpdateCustomerRequest(name: "w\(writer)"),
                                                               expecting: read.updatedAt))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            var all: [Result<CustomerUpdate, CustomerError>] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let winners = outcomes.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        let final = try await store.customer(id: read.id)
        #expect(winners.first?.after == final)
        for case .failure(let failure) in outcomes {
            guard case .versionConflict(_, let current) = failure else {
                Issue.record("a loser failed otherwise: \(failure)")
                continue
            }
            #expect(current == final)
        }
    }

    @Test("the audit trail's before is the version the write replaced")
    func auditBeforeComesFromTheWrite() async throws {
        let store = try makeStore(clock: TestClock())
        let entries = Mutex<[AuditEntry]>([])
        let audited = AuditingBackend(store, operator: "alice") { entry in entries.withLock { $0.append(entry) } }
        let created = try await store.create(CreateCustomerRequest(externalID: "a1", name: "One"))
        _ = try await store.update(.id(created.id), UpdateCustomerRequest(name: "Two"))  // not through the audit
        _ = try await audited.update(.id(created.id), UpdateCustomerRequest(name: "Three"))
        let log = entries.withLock { $0 }
        #expect(log.count == 1)
        #expect(log.first?.changes["name"] == .init(old: .string("Two"), new: .string("Three")))
    }

    @Test("a refused update writes nothing and is not audited")
    func refusedIsNotAudited() async throws {
        let store = try makeStore(clock: TestClock())
        let entries = Mutex<[AuditEntry]>([])
        let audited = AuditingBackend(store, operator: "alice") { entry in entries.withLock { $0.append(entry) } }
        let created = try await store.create(CreateCustomerRequest(externalID: "a1", name: "One"))
        _ = try await store.update(.id(created.id), UpdateCustomerRequest(name: "Two"))
        let failure = await error { _ = try await audited.update(.id(created.id), UpdateCustomerRequest(name: "Three"),
                                                                 expecting: created.updatedAt) }
        #expect(failure?.code == "version_conflict")
        #expect(entries.withLock { $0 }.isEmpty)
        #expect(try await store.customer(id: created.id).name == "Two")
    }
}
