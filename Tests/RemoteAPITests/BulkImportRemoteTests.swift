import BulkTransfer
import CustomerKit
import Foundation
import RemoteAPI
import Testing

/// An import through the remote client: lookups one search per batch (`external_ids`); creates
/// a few in flight at once, never more; 429
/// answers waited out as the server's Retry-After says; every row created once.
@Suite struct BulkImportRemoteTests {
    /// Counts requests being answered at once; the first `barrier` wait for each other, so the
    /// test sees the client really reach its concurrency (an event, with a safety bound).
    final class InFlight: @unchecked Sendable {
        private let condition = NSCondition()
        private var now = 0
        private(set) var most = 0
        private var arrived = 0
        let barrier: Int

        init(barrier: Int) { self.barrier = barrier }

        func enter() {
            condition.lock()
            now += 1
            most = max(most, now)
            arrived += 1
            if arrived <= barrier {
                let giveUp = Date().addingTimeInterval(60)
                while arrived < barrier, condition.wait(until: giveUp) {}
            }
            condition.broadcast()
            condition.unlock()
        }

        func leave() { condition.withLock { now -= 1 } }
        var peak: Int { condition.withLock { most } }
    }

    @Test func aFewInFlightNeverMoreAndRetryAfterIsWaitedOut() async throws {
        let customers = ServerCustomers()
        let inFlight = InFlight(barrier: 3)
        let refusedOnce = Locked429()
        let log = SleepLog()
        try await withFaultServer({ request, _ in
            // The lookups are one search per batch; the creates go several at a time.
            guard request.method == "POST", request.path == "/v1/customers" else { return customers.handle(request) }
            inFlight.enter()
            defer { inFlight.leave() }
            if refusedOnce.takeFirst() {
                return .json(429, #"{"code":"rate_limited","message":"slow down","http_status_code":429}"#,
                             headers: ["Retry-After": "2"])
            }
            return customers.handle(request)
        }) { server in
            var text = "external_id,name,email\n"
            for index in 0..<40 { text += "remote-\(index),Remote \(index),r\(index)@example.com\n" }
            let path = NSTemporaryDirectory() + "remote-import-\(UUID().uuidString).csv"
            #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
            defer { unlink(path) }
            var options = ImportOptions(format: .csv)
            options.concurrency = 3
            options.batchSize = 10
            let client = server.client(policy: .recording(log))
            let importer = CustomerImporter(path: path, options: options, backend: BulkAccess.make(client, concurrency: 3),
                                            journalFolder: nil)
            let result = try await importer.run(dryRun: false)
            #expect(result.summary.created == 40 && result.summary.failed == 0, "\(result.failures)")
            let searches = server.summary.filter { $0 == "POST /v1/customers/search" }.count
            #expect(searches == 4, "one lookup request per batch of 10 (\(searches))")
        }
        #expect(inFlight.peak == 3, "at most --concurrency creates at once, and that many reached")
        #expect(customers.published.count == 40)
        #expect(Set(customers.published.map(\.externalID)).count == 40, "the refused create was sent again once")
        #expect(log.waits.contains(.seconds(2)), "the wait the server asked for: \(log.waits)")
    }
}

/// True the first time only.
final class Locked429: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = false
    func takeFirst() -> Bool { lock.withLock { defer { taken = true }; return !taken } }
}
