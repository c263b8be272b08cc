import Foundation
import Synchronization

/// The `FILE.partial-PID` being written by `FileOutput.whole`, where a signal handler can reach
/// it: Ctrl-C, a hang-up or SIGTERM during an export should leave neither a half file under the
/// name asked for nor the partial one beside it. Kept as a C string's address, because a
/// handler may only call what is async-signal-safe (`unlink`, not anything that allocates).
public enum PartialFile {
    private static let current = Atomic<Int>(0)

    static func begin(_ path: String) -> UnsafeMutablePointer<CChar>? {
        let copy = strdup(path)
        current.store(Int(bitPattern: copy), ordering: .sequentiallyConsistent)
        return copy
    }

    static func end(_ copy: UnsafeMutablePointer<CChar>?) {
        current.store(0, ordering: .sequentiallyConsistent)
        free(copy)
    }

    /// Removes the partial file being written, if one is; async-signal-safe. After the rename
    /// (the file complete under its name) the partial name is gone and this does nothing.
    public static func removeCurrent() {
        let address = current.load(ordering: .sequentiallyConsistent)
        if let path = UnsafePointer<CChar>(bitPattern: address) { unlink(path) }
    }
}
