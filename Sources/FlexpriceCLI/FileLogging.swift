import CustomerKit
import Foundation
import Logging
import Synchronization

/// swift-log to a file, never to the screen: the console owns the terminal, and the CLI's
/// stdout is for results. swift-log ships no file handler, so this is a small one.
enum FileLogging {
    static func bootstrap(path: String) {
        let sink = FileSink(path: path)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink) }
    }
}

/// Appends lines to one file (created 0600: logs can name customers), shared by all loggers.
final class FileSink: Sendable {
    private let handle: Mutex<FileHandle?>

    init(path: String) {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
        self.handle = Mutex(handle)
    }

    func write(_ line: String) {
        handle.withLock { $0?.write(Data((line + "\n").utf8)) }
    }
}

struct FileLogHandler: LogHandler {
    let label: String
    let sink: FileSink
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = all.keys.sorted().map { "\($0)=\(all[$0]!)" }.joined(separator: " ")
        // Timestamp's own formatter: ISO8601DateFormatter loads time zone files on first use,
        // which costs the console's first frame several milliseconds.
        let time = Timestamp.now().text
        sink.write("\(time) \(event.level) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)")
    }
}
