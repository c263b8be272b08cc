import CustomerKit
import Foundation

/// The audit trail as JSON lines in one file (0600: it holds customer data). Each entry is one
/// `write` with O_APPEND, so lines from several consoles and CLI runs never interleave.
final class AuditLogFile: AuditTrail {
    let path: String

    init(path: String) {
        self.path = path
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
    }

    func append(_ entry: AuditEntry) { append(contentsOf: [entry]) }

    /// Many entries in one write: an import's batch costs one system call, not one per row.
    func append(contentsOf entries: [AuditEntry]) {
        var lines = Data()
        let encoder = CustomerJSON.encoder()
        for entry in entries {
            guard let line = try? encoder.encode(entry) else { continue }
            lines.append(line)
            lines.append(0x0A)
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = lines.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    func recent(limit: Int) -> [AuditEntry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var entries: [AuditEntry] = []
        for line in data.split(separator: 0x0A).reversed() {
            if let entry = try? CustomerJSON.decoder().decode(AuditEntry.self, from: Data(line)) {
                entries.append(entry)
                if entries.count == limit { break }
            }
        }
        return entries
    }
}
