import CustomerKit
import Foundation
import Synchronization
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built `flexprice-console` executable. SwiftPM builds it before the tests (the test
/// target depends on it) into the same folder as the test bundle, e.g. `.build-cli/debug/`.
enum CLIBinary {
    static let name = "flexprice-console"

    /// The executable's path, or nil when it cannot be found (the tests then fail saying so).
    static let path: String? = locate()

    private static func locate() -> String? {
        var starts: [URL] = [Bundle.main.bundleURL,
                             URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                                 .deletingLastPathComponent()]
        // macOS runs the tests from an .xctest bundle loaded by a separate runner.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            starts.append(bundle.bundleURL.deletingLastPathComponent())
        }
        // Last resort: the scratch folders in the checkout this file lives in.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for scratch in [".build-cli", ".build"] {
            starts.append(root.appendingPathComponent(scratch).appendingPathComponent("debug"))
        }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent(name).path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        return nil
    }
}

/// What one run of the CLI did.
struct CLIResult: Sendable, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let stdout: Data
    let stderr: Data
    /// The process was killed for taking longer than the run's time limit.
    let timedOut: Bool

    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
    /// Everything the process printed.
    var all: String { out + err }

    /// Standard output decoded as the API's JSON.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try CustomerJSON.decoder().decode(type, from: stdout)
    }

    var customer: Customer { get throws { try json(Customer.self) } }
    var list: ListCustomersResponse { get throws { try json(ListCustomersResponse.self) } }

    /// Standard error decoded as the FlexPrice error JSON (what `--json` prints on failure).
    var errorJSON: ErrorResponse { get throws { try CustomerJSON.decoder().decode(ErrorResponse.self, from: stderr) } }

    var description: String {
        "flexprice-console \(arguments.joined(separator: " ")) -> exit \(status)\(timedOut ? " (timed out)" : "")\n"
            + "stdout: \(out)\nstderr: \(err)"
    }
}

/// One test's private world: a fresh temporary folder holding HOME and the XDG folders, and an
/// environment with nothing inherited (no FLEXPRICE_* variables from the developer's shell).
/// The folder is removed when the sandbox goes away.
final class Sandbox: Sendable {
    let root: String
    let home: String
    let configHome: String
    let dataHome: String
    let stateHome: String
    static let user = "cli-tester"

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        root = (base as NSString).appendingPathComponent("flexprice-cli-tests-\(UUID().uuidString)")
        home = root + "/home"
        configHome = root + "/config"
        dataHome = root + "/data"
        stateHome = root + "/state"
        for folder in [home, configHome, dataHome, stateHome, root + "/io"] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Where the store lives when nothing says otherwise.
    var defaultDatabase: String { dataHome + "/flexprice-console/customers.sqlite" }
    /// The config file read when `--config` is not given.
    var defaultConfigFile: String { configHome + "/flexprice-console/config.json" }

    /// The environment every run starts from.
    var environment: [String: String] {
        ["HOME": home, "XDG_CONFIG_HOME": configHome, "XDG_DATA_HOME": dataHome, "XDG_STATE_HOME": stateHome,
         "USER": Self.user, "LOGNAME": Self.user, "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
         "TMPDIR": root + "/io"]
    }

    /// Writes a file under the sandbox (folders created) and returns its path.
    @discardableResult
    func write(_ relativePath: String, _ text: String, mode: Int? = nil) throws -> String {
        let path = relativePath.hasPrefix("/") ? relativePath : root + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        if let mode {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        return path
    }

    /// Writes a JSON object to a file and returns its path.
    @discardableResult
    func writeJSON(_ relativePath: String, _ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try write(relativePath, String(decoding: data, as: UTF8.self))
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Runs the CLI with `arguments`. `stdin` is fed through a pipe and then closed (standard
    /// input is never a terminal and never the test runner's); `environment` adds to or
    /// overrides the sandbox's variables, and `unset` removes some. Stdout and stderr are
    /// captured byte for byte. A run taking longer than `timeout` is killed and marked: a hang
    /// guard, long enough that no busy machine reaches it with a run that does end.
    func run(_ arguments: [String], stdin: String = "", environment extra: [String: String] = [:],
             unset: [String] = [], timeout: Duration = .seconds(120)) async throws -> CLIResult {
        guard let binary = CLIBinary.path else {
            Issue.record("cannot find the \(CLIBinary.name) executable next to the test bundle")
            throw CLIRunnerError.binaryNotFound
        }
        var env = environment.merging(extra) { $1 }
        for key in unset { env.removeValue(forKey: key) }

        let id = UUID().uuidString
        let outPath = root + "/io/\(id).out"
        let errPath = root + "/io/\(id).err"
        let outFD = open(outPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let errFD = open(errPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer {
            close(outFD)
            close(errFD)
        }

        // The input is written and the pipe's write end closed before the process starts: it
        // fits in the pipe's buffer, and nothing can block or raise SIGPIPE later.
        let input = Data(stdin.utf8)
        precondition(input.count < 60_000, "stdin must fit in a pipe buffer")
        let inPipe = try ChildProcess.pipe()
        let inWriter = FileHandle(fileDescriptor: inPipe.write, closeOnDealloc: true)
        if !input.isEmpty { try inWriter.write(contentsOf: input) }
        try inWriter.close()
        defer { close(inPipe.read) }

        let process = try ChildProcess(binary, arguments, environment: env, directory: root,
                                       stdin: inPipe.read, stdout: outFD, stderr: errFD)
        let state = RunState()
        let pid = process.pid
        // A Dispatch timer, not a sleeping task: Swift concurrency's few threads may all be
        // busy with other tests on a loaded machine, and the guard must fire on time anyway.
        // Once the process has exited it does nothing (the flag is set before the wait returns).
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            state.flags.withLock { s in
                if !s.exited {
                    s.killed = true
                    kill(pid, SIGKILL)
                }
            }
        }
        // Waited for on a thread of its own, not on one of the pool's few.
        let status = try await BuiltBinaries.offPool { () -> Int32 in
            let status = process.wait()
            state.flags.withLock { $0.exited = true }
            return status
        }
        let stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        let stderr = FileManager.default.contents(atPath: errPath) ?? Data()
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return CLIResult(arguments: arguments, status: status, stdout: stdout, stderr: stderr,
                         timedOut: state.flags.withLock { $0.killed })
    }

    /// `run` with the arguments given inline.
    func run(_ arguments: String..., stdin: String = "", environment extra: [String: String] = [:]) async throws
        -> CLIResult {
        try await run(arguments, stdin: stdin, environment: extra)
    }
}

/// Shared between a run, its process's termination handler and its watchdog.
private final class RunState: Sendable {
    let flags = Mutex<(exited: Bool, killed: Bool)>((false, false))
}

enum CLIRunnerError: Error { case binaryNotFound }

/// Exit codes the CLI promises scripts.
enum Exit {
    static let ok: Int32 = 0
    static let usage: Int32 = 2
    static let validation: Int32 = 3
    static let notFound: Int32 = 4
    static let conflict: Int32 = 5
    static let access: Int32 = 6
    static let unavailable: Int32 = 7
}
