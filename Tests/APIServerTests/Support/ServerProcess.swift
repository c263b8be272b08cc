import Foundation
import Testing

/// The real `flexprice-console-api` binary started as a subprocess on a free loopback port
/// (`--port 0`; the port is read from the line it prints), stopped with SIGTERM when done.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: the properties are set once in init and only read afterwards.
    let process = Process()
    let port: Int
    let stderrPath: String

    /// `descriptorLimit`: the server runs under `ulimit -n` of that many descriptors.
    init(database: String, keys: String?, folder: TestFolder, extraArguments: [String] = [],
         descriptorLimit: Int? = nil) throws {
        let binary = try BuiltBinaries.path("flexprice-console-api")
        let arguments = ["--port", "0", "--db", database] + extraArguments
        if let descriptorLimit {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "ulimit -n \(descriptorLimit) && exec \"$0\" \"$@\"", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["FLEXPRICE_API_KEYS"] = keys
        environment["XDG_CONFIG_HOME"] = folder.path  // no config file of the machine's user
        environment.removeValue(forKey: "FLEXPRICE_DB")
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        stderrPath = folder.file("server-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // "flexprice-console-api listening on http://127.0.0.1:PORT"
        var line = Data()
        let handle = stdout.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let colon = text.lastIndex(of: ":"),
              let port = Int(text[text.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
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
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

/// Executables SwiftPM built beside the test bundle, and running them.
enum BuiltBinaries {
    /// Runs blocking work (waiting for a subprocess) on a thread of its own and awaits it. Tests
    /// run on Swift's cooperative pool, one thread per core: a test that blocked one of those
    /// for seconds would starve every other test running beside it. `work` must not record
    /// test issues (it runs outside the test's task); check its result in the test instead.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func path(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: Bundle.main.bundlePath)
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw SetupError("\(name) was not found next to \(Bundle.main.bundlePath)")
    }

    /// `run`, awaited without holding a cooperative thread.
    static func output(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                       input: String? = nil, directory: URL? = nil) async throws
        -> (status: Int32, stdout: String, stderr: String) {
        try await offPool { try run(executable, arguments, environment: environment, input: input, directory: directory) }
    }

    /// Runs a program to its end; stdin from `input`, stdout and stderr kept apart.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    input: String? = nil, directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so that neither fills up and blocks the child.
        let errData = Locked<Data>()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: errData.value ?? Data(), as: UTF8.self))
    }
}

/// A value written once by another thread.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var stored: Value?
    func set(_ value: Value) { lock.lock(); stored = value; lock.unlock() }
    var value: Value? { lock.lock(); defer { lock.unlock() }; return stored }
    var isSet: Bool { value != nil }
}
