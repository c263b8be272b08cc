import Foundation

/// A test hook that holds the import between batches: with `FLEXPRICE_IMPORT_GATE` naming a
/// FIFO, the import reads one byte from it before each batch, so a test decides exactly how
/// far a run gets before it kills or signals it (an event, never an amount of time). At the
/// FIFO's end (the test closed it) the import runs on freely. Unset, nothing waits.
final class ImportGate: Sendable {
    static let variable = "FLEXPRICE_IMPORT_GATE"
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    static func fromEnvironment() -> ImportGate? {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        return fd >= 0 ? ImportGate(fd: fd) : nil
    }

    /// Blocks until the test lets one more batch through (or has closed its end).
    func pass() {
        var byte: UInt8 = 0
        while read(fd, &byte, 1) < 0, errno == EINTR {}
    }

    deinit { close(fd) }
}
