import Foundation
import TestSupport
import Testing

/// The real `flexprice-console-api` binary started as a subprocess on a free loopback port
/// (`--port 0`; the port is read from the line it prints), stopped with SIGTERM when done.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: the properties are set once in init and only read afterwards.
    let process: ChildProcess
    /// Kept open while the server runs, so that a later line on its stdout never meets a
    /// closed pipe.
    private let output: FileHandle
    let port: Int
    let stderrPath: String

    /// `descriptorLimit`: the server runs under `ulimit -n` of that many descriptors.
    init(database: String, keys: String?, folder: TestFolder, extraArguments: [String] = [],
         descriptorLimit: Int? = nil) throws {
        let binary = try BuiltBinaries.path("flexprice-console-api")
        let arguments = ["--port", "0", "--db", database] + extraArguments
        var environment = ProcessInfo.processInfo.environment
        environment["FLEXPRICE_API_KEYS"] = keys
        environment["XDG_CONFIG_HOME"] = folder.path  // no config file of the machine's user
        environment.removeValue(forKey: "FLEXPRICE_DB")
        stderrPath = folder.file("server-\(UUID().uuidString).log")
        let log = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let stdout = try ChildProcess.pipe()
        defer { close(log) }
        do {
            if let descriptorLimit {
                process = try ChildProcess("/bin/sh", ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", binary] + arguments,
                                           environment: environment, stdout: stdout.write, stderr: log)
            } else {
                process = try ChildProcess(binary, arguments, environment: environment, stdout: stdout.write, stderr: log)
            }
        } catch {
            close(stdout.read)
            close(stdout.write)
            throw error
        }
        close(stdout.write)
        // "flexprice-console-api listening on http://127.0.0.1:PORT"
        var line = Data()
        let handle = FileHandle(fileDescriptor: stdout.read, closeOnDealloc: true)
        output = handle
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.lastIndex(of: ":"),
              let port = Int(text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.send(SIGKILL)
            process.wait()
            throw BuiltBinaries.SetupError("the server did not say its port: \(text)")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Starts the server without holding a cooperative thread while it comes up.
    static func start(database: String, keys: String?, folder: TestFolder) async throws -> ServerProcess {
        try await BuiltBinaries.offPool { try ServerProcess(database: database, keys: keys, folder: folder) }
    }

    /// SIGTERM, then the exit status (a graceful stop exits 0).
    @discardableResult
    func stop() -> Int32 {
        process.send(SIGTERM)
        return process.wait()
    }

    deinit {
        if process.isRunning {
            process.send(SIGKILL)
            process.wait()
        }
    }
}
