import CustomerKit
import Foundation

/// The progress of one import job on disk, so that a run cut short (Ctrl-C, a hang-up, kill -9,
/// the network gone) can be finished by running the same command again.
///
/// After each batch is written to the backend, one line is appended and synced: the outcome
/// of each of the batch's rows (one letter each) and its failures. A run that finds the journal
/// skips the rows it lists. A batch written but not yet noted (killed between the two) is done
/// again: its rows are matched by external id and found already there, so nothing is applied
/// twice. A torn last line (killed while writing it) is ignored the same way.
public final class ImportJournal {
    struct Entry: Codable {
        /// One letter per row (`RowOutcome.letter`), in file order.
        var outcomes: String
        var failures: [RowFailure]
    }

    public let path: String
    /// The outcome of every row done, in file order.
    private(set) var outcomes: [RowOutcome] = []
    private(set) var failures: [Int: RowFailure] = [:]
    private var fd: Int32 = -1

    /// The journal of the job with this key under `folder`, read if an earlier run left one.
    public init(folder: String, key: String) {
        path = folder + "/" + key + ".journal"
        guard let data = FileManager.default.contents(atPath: path) else { return }
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: true) {
            // A line that does not parse was being written when the run ended: not done.
            guard let entry = try? JSONDecoder().decode(Entry.self, from: Data(line)) else { break }
            let decoded = entry.outcomes.compactMap(RowOutcome.init(letter:))
            guard decoded.count == entry.outcomes.count else { break }
            outcomes += decoded
            for failure in entry.failures { failures[failure.line] = failure }
        }
    }

    /// How many rows, from the start of the file, are done.
    public var doneRows: Int { outcomes.count }

    /// Notes a written batch; synced before returning, so a later kill cannot lose it.
    func append(_ batch: [RowOutcome], failures batchFailures: [RowFailure]) throws(BulkFileError) {
        if fd < 0 {
            let folder = (path as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw BulkFileError(line: nil, "cannot write the import journal \(path): \(String(cString: strerror(errno)))") }
            // A torn line from a killed run is ended, so that the next entry starts on a line of its own.
            if let data = FileManager.default.contents(atPath: path), let last = data.last, last != 0x0A {
                _ = Foundation.write(fd, "\n", 1)
            }
        }
        var line = CustomerJSON.encode(Entry(outcomes: String(batch.map(\.letter)), failures: batchFailures))
        line.append(0x0A)
        let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == line.count, fsync(fd) == 0 else {
            throw BulkFileError(line: nil, "cannot write the import journal \(path): \(String(cString: strerror(errno)))")
        }
        outcomes += batch
        for failure in batchFailures { failures[failure.line] = failure }
    }

    /// The job is finished: its journal goes.
    func remove() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(path)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }
}
