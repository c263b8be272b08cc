import CustomerKit
import Foundation
@testable import RemoteAPI
import Testing

/// `update(_:_:expecting:)` over HTTP: a read that compares versions, then a `PUT` with
/// `If-Match`; a server that checks it answers 412, one that ignores it (the live FlexPrice
/// server) is still guarded up to the moment of the write.
@Suite("Conditional update over HTTP")
struct RemoteConditionalUpdateTests {
    /// One customer at a version that moves on with every applied PUT; `checksIfMatch` says
    /// whether the server honours `If-Match` as this project's server does.
    final class VersionedCustomer: @unchecked Sendable {
        private let lock = NSLock()
        private var name = "Start"
        private var serial = 0
        let checksIfMatch: Bool
        /// Applies the first PUT, then hangs up instead of answering: the answer is lost.
        let loseFirstAnswer: Bool
        private var puts = 0

        init(checksIfMatch: Bool, loseFirstAnswer: Bool = false) {
            self.checksIfMatch = checksIfMatch
            self.loseFirstAnswer = loseFirstAnswer
        }

        var version: String { lock.withLock { Self.stamp(serial) } }
        static func stamp(_ serial: Int) -> String { String(format: "2026-12-01T09:00:%02d.000001Z", serial) }

        func rivalSaves(name newName: String) { lock.withLock { name = newName; serial += 1 } }

        private func json() -> String {
            Fixtures.customer(name: name, createdAt: Self.stamp(serial))
        }

        /// What this project's server advertises its precondition with; the live server has none.
        private var tag: [String: String] { checksIfMatch ? ["ETag": "\"\(Self.stamp(serial))\""] : [:] }

        func handle(_ request: RecordedRequest) -> Fault {
            lock.withLock {
                switch request.method {
                case "GET": return .json(200, json(), headers: tag)
                case "PUT":
                    puts += 1
                    if checksIfMatch, let tag = request.headers["if-match"], tag != "\"\(Self.stamp(serial))\"" {
                        return .json(412, #"{"code":"version_conflict","message":"changed meanwhile","http_status_code":412}"#)
                    }
                    if let newName = request.bodyObject()?["name"] as? String { name = newName }
                    serial += 1
                    return loseFirstAnswer && puts == 1 ? .hangUp : .json(200, json(), headers: tag)
                default: return .respond(404, Fixtures.pageNotFound)
                }
            }
        }
    }

    /// The customer a refused update of the name to "Mine" reports (nil, and an issue, when it
    /// was not refused with version_conflict).
    static func refusal(_ client: RemoteCustomerClient, expecting version: Timestamp) async -> Customer? {
        do throws(CustomerError) {
            _ = try await client.update(.id(Fixtures.customerID), UpdateCustomerRequest(name: "Mine"), expecting: version)
            Issue.record("a stale update went through")
        } catch {
            if case .versionConflict(_, let current) = error, error.code == "version_conflict" { return current }
            Issue.record("expected version_conflict, got \(error)")
        }
        return nil
    }

    @Test("against a server without ETags (the live FlexPrice server): read, compare, then a plain PUT")
    func withoutETagsFallsBackToReadThenWrite() async throws {
        let server = VersionedCustomer(checksIfMatch: false)
        let opened = try #require(Timestamp(rfc3339: server.version))
        try await withFaultServer({ request, _ in server.handle(request) }) { faults in
            let outcome = try await faults.client().update(.id(Fixtures.customerID), UpdateCustomerRequest(name: "Mine"),
                                                           expecting: opened)
            #expect(outcome.after.name == "Mine")
            #expect(faults.requests.map(\.method) == ["GET", "PUT"])
            #expect(faults.requests.last?.headers["if-match"] == nil)
        }
    }

    @Test("the version is compared on a read first; a newer one is refused without a PUT")
    func newerVersionOnReadIsRefused() async throws {
        let server = VersionedCustomer(checksIfMatch: false)
        let opened = try #require(Timestamp(rfc3339: server.version))
        server.rivalSaves(name: "Theirs")
        try await withFaultServer({ request, _ in server.handle(request) }) { faults in
            let current = await Self.refusal(faults.client(), expecting: opened)
            #expect(current?.name == "Theirs")
            #expect(faults.requests.map(\.method) == ["GET"])
        }
    }

    @Test("the PUT carries If-Match with the version; before is what the read found")
    func putCarriesIfMatch() async throws {
        let server = VersionedCustomer(checksIfMatch: true)
        let opened = try #require(Timestamp(rfc3339: server.version))
        try await withFaultServer({ request, _ in server.handle(request) }) { faults in
            let outcome = try await faults.client().update(.id(Fixtures.customerID), UpdateCustomerRequest(name: "Mine"),
                                                           expecting: opened)
            #expect(outcome.before?.name == "Start")
            #expect(outcome.after.name == "Mine")
            #expect(faults.requests.map(\.method) == ["GET", "PUT"])
            #expect(faults.requests.last?.headers["if-match"] == "\"\(opened.text)\"")
            // Without a version, no read and no If-Match.
            _ = try await faults.client().update(.id(Fixtures.customerID), UpdateCustomerRequest(name: "Again"))
            #expect(faults.requests.last?.headers["if-match"] == nil)
            #expect(faults.requests.count == 3)
        }
    }

    @Test("a 412 from the server (a rival between read and write) reads the customer and refuses")
    func serverRefusalIsAConflict() async throws {
        let server = VersionedCustomer(checksIfMatch: true)
        let opened = try #require(Timestamp(rfc3339: server.version))
        try await withFaultServer({ request, index in
            // The rival lands after the client's read, before its write.
            if request.method == "PUT", index == 1 { server.rivalSaves(name: "Theirs") }
            return server.handle(request)
        }) { faults in
            let current = await Self.refusal(faults.client(), expecting: opened)
            #expect(current?.name == "Theirs")
            #expect(faults.requests.map(\.method) == ["GET", "PUT", "GET"])
        }
    }

    @Test("a repeat after a lost answer that finds its own write applied is a success, not a conflict")
    func ownLostWriteIsNotAConflict() async throws {
        let server = VersionedCustomer(checksIfMatch: true, loseFirstAnswer: true)
        let opened = try #require(Timestamp(rfc3339: server.version))
        try await withFaultServer({ request, _ in server.handle(request) }) { faults in
            let outcome = try await faults.client().update(.id(Fixtures.customerID), UpdateCustomerRequest(name: "Mine"),
                                                           expecting: opened)
            #expect(outcome.after.name == "Mine")
            #expect(faults.requests.map(\.method) == ["GET", "PUT", "PUT", "GET"])
        }
    }
}
