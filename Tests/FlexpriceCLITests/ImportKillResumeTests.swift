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

    /// The FIFO a run's import reads one byte from before each batch (`FLEXPRICE_IMPORT_GATE`):
    /// the test lets exactly as many batches through as it wants, then kills or signals.
    private final class Gate {
        let path: String
        private var fd: Int32

        init(_ sandbox: Sandbox) throws {
            path = sandbox.root + "/io/\(UUID().uuidString).gate"
            guard mkfifo(path, 0o600) == 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
            // Read-write so that opening does not wait for the import to open its end.
            fd = open(path, O_RDWR | O_CLOEXEC)
            guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        }

        func letThrough(_ batches: Int) {
            guard batches > 0 else { return }
            let bytes = [UInt8](repeating: 1, count: batches)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        }

        /// The import runs on freely from here.
        func release() {
            if fd >= 0 { close(fd) }
            fd = -1
        }

        deinit {
            release()
            unlink(path)
        }
    }

    /// Starts the import held at `gate`; the caller ends it.
    private func start(_ sandbox: Sandbox, _ arguments: [String], gate: Gate) throws -> (ChildProcess, String) {
        let out = sandbox.root + "/io/\(UUID().uuidString).out"
        let fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        var environment = sandbox.environment
        environment["FLEXPRICE_IMPORT_GATE"] = gate.path
        let child = try ChildProcess(try #require(CLIBinary.path), arguments, environment: environment,
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
        // 1,200 rows in batches of 20 are 60 batches; fourteen runs let through at most 4 each,
        // so every one of them is cut short: killed at once (while it starts or checks the
        // file), inside the last batch it was let through (its writes or its journal line), or
        // held between batches once the journal shows them done.
        var journaled: [Int] = []
        for _ in 0..<14 {
            let gate = try Gate(sandbox)
            let (child, _) = try start(sandbox, arguments, gate: gate)
            let before = journalLines(sandbox)
            switch random.between(0, 2) {
            case 0:
                gate.letThrough(random.between(0, 2))
            case 1:
                let batches = random.between(1, 4)
                gate.letThrough(batches)
                await waitFor(lines: before + batches - 1, or: child, sandbox)
            default:
                let batches = random.between(1, 4)
                gate.letThrough(batches)
                await waitFor(lines: before + batches, or: child, sandbox)
            }
            try #require(child.isRunning, "a held import cannot end by itself")
            child.send(SIGKILL)
            _ = child.wait()
            journaled.append(journalLines(sandbox))
        }
        #expect(journaled.last ?? 0 > 0, "the killed runs got somewhere (\(journaled))")
        #expect(journaled.last ?? 0 < 60, "and none of them finished (\(journaled))")
        // The same command, unheld, finishes the job and says how much it found done.
        let finished = try await sandbox.run(arguments)
        #expect(finished.status == 0, "\(finished)")
        let summary = try JSONSerialization.jsonObject(with: finished.stdout) as? [String: Any]
        let alreadyDone = summary?["already_done"] as? Int ?? 0
        #expect(alreadyDone > 0 && alreadyDone < Self.rows, "rows the killed runs did are found done (\(alreadyDone))")
        #expect(summary?["failed"] as? Int == 0)
        print("kill and resume: journal lines after each kill \(journaled), then \(alreadyDone) rows found done")
        try await checkEveryRowOnce(sandbox)
        // Once more: nothing left to do, every row unchanged.
        let again = try await sandbox.run(arguments)
        let unchanged = try JSONSerialization.jsonObject(with: again.stdout) as? [String: Any]
        #expect(unchanged?["unchanged"] as? Int == Self.rows, "\(again)")
        try await checkEveryRowOnce(sandbox)
    }

    @Test(arguments: [SIGINT, SIGHUP, SIGTERM])
    func aSignalStopsAfterTheBatchAndSaysHowToFinish(signal: Int32) async throws {
        let (sandbox, arguments) = try await prepare()
        let gate = try Gate(sandbox)
        let (child, out) = try start(sandbox, arguments, gate: gate)
        gate.letThrough(3)
        await waitFor(lines: 3, or: child, sandbox)
        try #require(child.isRunning, "the import ended before it could be stopped")
        // Held before its fourth batch: the signal lands there, and the import, let go, stops
        // after the batch it is in.
        child.send(signal)
        gate.release()
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
