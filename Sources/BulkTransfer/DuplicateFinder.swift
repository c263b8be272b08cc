import Foundation

/// Finds the rows whose external id an earlier row has too, in memory that does not grow with
/// the file: each id's hash is kept with its line, and every `runLimit` of them are sorted and
/// written to a temporary file (unlinked at once, so nothing is left behind even after kill -9);
/// the runs are merged at the end, where equal hashes meet. Two different ids with one 64-bit
/// hash (about one chance in 10^7 at a million rows) would be reported as the same; the
/// message names both lines, so the operator sees it.
struct DuplicateFinder {
    /// 16 bytes a row: a run of half a million is 8 MB, sorted in place.
    struct Entry: Comparable {
        var hash: UInt64
        var line: Int32
        static func < (a: Entry, b: Entry) -> Bool { a.hash != b.hash ? a.hash < b.hash : a.line < b.line }
    }

    let runLimit: Int
    private var entries: [Entry] = []
    private var runs: [SpilledRun] = []

    init(runLimit: Int = 500_000) {
        self.runLimit = max(1, runLimit)
    }

    mutating func add(hash: UInt64, line: Int32) throws(BulkFileError) {
        if entries.isEmpty { entries.reserveCapacity(runLimit) }
        entries.append(Entry(hash: hash, line: line))
        if entries.count == runLimit {
            entries.sort()
            runs.append(try SpilledRun(entries))
            entries.removeAll(keepingCapacity: true)
        }
    }

    /// For each row whose hash an earlier row has: that earlier (first) line.
    mutating func duplicates() throws(BulkFileError) -> [Int32: Int32] {
        entries.sort()
        var sources = runs.map { RunReader($0) }
        var found: [Int32: Int32] = [:]
        var first: Entry?
        var memoryNext = 0
        while true {
            // The smallest head among the runs and the entries still in memory.
            var best: Entry? = memoryNext < entries.count ? entries[memoryNext] : nil
            var from = -1
            for index in sources.indices {
                if let head = try sources[index].head(), best.map({ head < $0 }) ?? true {
                    best = head
                    from = index
                }
            }
            guard let entry = best else { break }
            if from < 0 { memoryNext += 1 } else { sources[from].advance() }
            if let head = first, head.hash == entry.hash {
                found[entry.line] = head.line
            } else {
                first = entry
            }
        }
        entries = []
        runs = []
        return found
    }
}

/// A sorted run of entries in an unlinked temporary file (closed when the last reader goes).
final class SpilledRun {
    let descriptor: Int32
    let count: Int

    init(_ entries: [DuplicateFinder.Entry]) throws(BulkFileError) {
        let folder = NSTemporaryDirectory()
        var template = Array((folder + "/flexprice-import-ids-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw BulkFileError(line: nil, "cannot make a temporary file in \(folder) for the duplicate check (\(String(cString: strerror(errno)))); "
                                + "set TMPDIR to a folder you can write")
        }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        let failure: BulkFileError? = entries.withUnsafeBytes { bytes in
            do throws(BulkFileError) { try FileOutput.writeAll(bytes, to: fd) } catch { return error }
            return nil
        }
        // Before the properties are set: a class whose init throws once they are runs deinit,
        // which would close the descriptor a second time.
        if let failure {
            close(fd)
            throw BulkFileError(line: nil, "the duplicate check's temporary file: \(failure.message)")
        }
        descriptor = fd
        count = entries.count
    }

    deinit { close(descriptor) }
}

/// Reads a run back a block at a time.
struct RunReader {
    let run: SpilledRun
    private var block: [DuplicateFinder.Entry] = []
    private var inBlock = 0
    private var read = 0
    private static let blockEntries = 4_096

    init(_ run: SpilledRun) { self.run = run }

    mutating func head() throws(BulkFileError) -> DuplicateFinder.Entry? {
        if inBlock == block.count {
            guard read < run.count else { return nil }
            let wanted = min(Self.blockEntries, run.count - read)
            let stride = MemoryLayout<DuplicateFinder.Entry>.stride
            block = Array(repeating: DuplicateFinder.Entry(hash: 0, line: 0), count: wanted)
            let offset = off_t(read * stride)
            let complete = block.withUnsafeMutableBytes { bytes -> Bool in
                var done = 0
                while done < bytes.count {
                    let got = pread(run.descriptor, bytes.baseAddress! + done, bytes.count - done, offset + off_t(done))
                    if got < 0, errno == EINTR { continue }
                    guard got > 0 else { return false }
                    done += got
                }
                return true
            }
            guard complete else { throw BulkFileError(line: nil, "cannot read the duplicate check's temporary file back") }
            inBlock = 0
            read += wanted
        }
        return block[inBlock]
    }

    mutating func advance() { inBlock += 1 }
}
