import CustomerKit
import Foundation
import LocalStore
import TestSupport
import Testing

/// An import cut short at random points, again and again, by kill -9, Ctrl-C or a hang-up:
/// running the same command finishes it with every row applied exactly once.
@Suite(.serialized) struct ImportKillResumeTests {
    static let rows = 1_200
    static let existing = 300

    /// The file: the first `existing` rows update customers already there (a new name), the
    /// rest are new; every tenth new row has the previous row as its parent.
    static func file() -> String {
        var text = "external_id,name,email,metadata.batch,parent_customer_external_id\n"
        for index in 0..<rows {
            let parent = index >= existing && index % 10 == 5 ? "row-\(index - 1)" : ""
            text += "row-\(index),\"Row \(index), imported\",r\(index)@example.com,b\(index % 7),\(parent)\n"
        }
        return text
    }

    private func journalLines(_ sandbox: Sandbox) -> Int {
        let folder = sandbox.stateHome + "/flexprice-console/imports"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        return names.reduce(0) { count, name in
            count + (FileManager.default.contents(atPath: folder + "/" + name)?.filter { $0 == 0x0A }.count ?? 0)
        }
    }

    /// Starts the import; the caller ends it.
    private func start(_ sandbox: Sandbox, _ arguments: [String]) throws -> (ChildProcess, String) {
        let out = sandbox.root + "/io/\(UUID().uuidString).out"
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        let child = try ChildProcess(try #require(CLIBinary.path), arguments, environment: sandbox.environment,
                                     directory: sandbox.root, stdout: fd, stderr: fd)
        return (child, out)
    }

    /// Waits until the journal has `lines` lines or the process has ended, whichever is first:
    /// an event in a file, never an amount of time.
    private func waitFor(lines: Int, or child: ChildProcess, _ sandbox: Sandbox) async {
        while child.isRunning, journalLines(sandbox) < lines {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    private func prepare() async throws -> (Sandbox, [String]) {
        let sandbox = try Sandbox()
        var seed = "external_id,name\n"
        for index in 0..<Self.existing { seed += "row-\(index),Old \(index)\n" }
        let seedPath = try sandbox.write("seed.csv", seed)
        let seeded = try await sandbox.run(["customers", "import", seedPath])
        #expect(seeded.status == 0, "\(seeded)")
        let path = try sandbox.write("customers.csv", Self.file())
        return (sandbox, ["customers", "import", path, "--batch-size", "20", "--json"])
    }

    private func checkEveryRowOnce(_ sandbox: Sandbox) async throws {
        let store = try LocalCustomerStore(path: sandbox.defaultDatabase)
        let page = try await store.list(CustomerQuery(limit: CustomerQuery.maxLimit))
        var all = page.items
        var offset = page.items.count
        while offset < page.total {
            let next = try await store.list(CustomerQuery(limit: CustomerQuery.maxLimit, offset: offset))
            all += next.items
            offset += next.items.count
        }
        #expect(all.count == Self.rows, "no duplicates, nothing missed")
        #expect(Set(all.map(\.externalID)).count == Self.rows)
        let byExternalID = Dictionary(uniqueKeysWithValues: all.map { ($0.externalID, $0) })
        for index in 0..<Self.rows {
            let customer = try #require(byExternalID["row-\(index)"])
            #expect(customer.name == "Row \(index), imported")
            #expect(customer.metadata == ["batch": "b\(index % 7)"])
            if index >= Self.existing, index % 10 == 5 {
                #expect(customer.parentCustomerID == byExternalID["row-\(index - 1)"]?.id)
            }
        }
    }

    @Test func killedAtRandomPointsManyTimesTheSameCommandFinishesIt() async throws {
        let (sandbox, arguments) = try await prepare()
        var random = SplitMix64(seed: 0x1A7E_5EED)
        var kills = 0
        var finished: CLIResult?
        // Each run is killed once the journal has grown by a random number of batches (0: at
        // once, maybe before the file is even read), until a run gets to the end by itself.
        for _ in 0..<40 {
            let (child, _) = try start(sandbox, arguments)
            let target = journalLines(sandbox) + random.between(0, 4)
            await waitFor(lines: target, or: child, sandbox)
            if child.isRunning {
                child.send(SIGKILL)
                _ = child.wait()
                kills += 1
                continue
            }
            #expect(child.wait() == 0)
            finished = try await sandbox.run(arguments)
            break
        }
        #expect(kills >= 5, "the import was cut short several times (\(kills))")
        let last = try #require(finished)
        // The run after the natural end finds nothing left to do: every row unchanged.
        #expect(last.status == 0, "\(last)")
        try await checkEveryRowOnce(sandbox)
    }

    @Test(arguments: [SIGINT, SIGHUP, SIGTERM])
    func aSignalStopsAfterTheBatchAndSaysHowToFinish(signal: Int32) async throws {
        let (sandbox, arguments) = try await prepare()
        let (child, out) = try start(sandbox, arguments)
        await waitFor(lines: 3, or: child, sandbox)
        try #require(child.isRunning, "the import ended before it could be stopped")
        child.send(signal)
        #expect(child.wait() == 128 + signal)
        let stopped = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect(stopped?["finished"] as? Bool == false)
        let again = try await sandbox.run(arguments)
        #expect(again.status == 0, "\(again)")
        let summary = try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any]
        let alreadyDone = summary?["already_done"] as? Int ?? 0
        #expect(alreadyDone >= 60, "the rows the stopped run did are found done (\(alreadyDone))")
        #expect(summary?["failed"] as? Int == 0)
        try await checkEveryRowOnce(sandbox)
    }
}
