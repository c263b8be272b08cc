import CustomerKit
import Foundation
import Logging
import Synchronization

/// swift-log to a file descriptor, one line per event:
/// `2026-11-21T23:22:10.123456Z info flexprice-console-api: request duration_ms=0.412 method=GET ...`.
/// The server logs to standard error by default (a service manager collects it) or appends to
/// a file (`--log-file`). Metadata keys are sorted, so lines are easy to grep and diff.
public struct LineLogHandler: LogHandler {
    /// Where lines go; shared by every logger of the process.
    public final class Sink: Sendable {
        private let descriptor: Mutex<Int32>

        /// Standard error.
        public static let standardError = Sink(descriptor: 2)

        init(descriptor: Int32) { self.descriptor = Mutex(descriptor) }

        /// Appends to `path`, creating it (0600: logs name paths that can hold customer ids).
        public static func file(_ path: String) throws -> Sink {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            return Sink(descriptor: fd)
        }

        func write(_ line: String) {
            var line = line
            line.append("\n")
            descriptor.withLock { fd in
                line.withUTF8 { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let written = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                        if written <= 0 { return }
                        offset += written
                    }
                }
            }
        }
    }

    public let label: String
    let sink: Sink
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level

    public init(label: String, sink: Sink, level: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = Timestamp.now().text + " \(event.level) \(label): \(event.message)"
        let extra = event.metadata ?? [:]
        if !metadata.isEmpty || !extra.isEmpty {
            let all = metadata.isEmpty ? extra : metadata.merging(extra) { $1 }
            for key in all.keys.sorted() { line += " \(key)=\(all[key]!)" }
        }
        sink.write(line)
    }
}
