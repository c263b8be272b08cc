import Foundation

/// Writing bulk files: every byte to a descriptor, and a whole file that appears under its name
/// only once it is complete.
public enum FileOutput {
    /// Writes all of `bytes` (retrying short writes and EINTR); the error says why not.
    public static func writeAll<Bytes: ContiguousBytes>(_ bytes: Bytes, to fd: Int32) throws(BulkFileError) {
        let failure: String? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += count
            }
            return nil
        }
        if let failure { throw BulkFileError(line: nil, "cannot write: \(failure)") }
    }

    /// Runs `write` on `path.partial-PID`, then syncs it and renames it to `path`: a write cut
    /// short never leaves a half file under the name asked for. The partial file goes on failure.
    public static func whole<T>(_ path: String, _ write: (Int32) async throws -> T) async throws -> T {
        let partial = path + ".partial-\(getpid())"
        let registered = PartialFile.begin(partial)
        defer { PartialFile.end(registered) }
        let fd = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw BulkFileError(line: nil, "cannot write \(path): \(String(cString: strerror(errno)))") }
        do {
            let result = try await write(fd)
            guard fsync(fd) == 0, close(fd) == 0, rename(partial, path) == 0 else {
                throw BulkFileError(line: nil, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            return result
        } catch {
            close(fd)
            unlink(partial)
            throw error
        }
    }
}
