import Foundation

/// Executables SwiftPM built beside the test bundle, and running them.
public enum BuiltBinaries {
    /// Runs blocking work (waiting for a subprocess) on a thread of its own and awaits it. Tests
    /// run on Swift's cooperative pool, one thread per core: a test that blocked one of those
    /// for seconds would starve every other test running beside it. `work` must not record
    /// test issues (it runs outside the test's task); check its result in the test instead.
    public static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    public static func path(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: Bundle.main.bundlePath)
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw SetupError("\(name) was not found next to \(Bundle.main.bundlePath)")
    }

    /// `run`, awaited without holding a cooperative thread.
    public static func output(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                       input: String? = nil, directory: URL? = nil) async throws
        -> (status: Int32, stdout: String, stderr: String) {
        try await offPool { try run(executable, arguments, environment: environment, input: input, directory: directory) }
    }

    /// Runs a program to its end (a bare name is looked up on PATH); stdin from `input`,
    /// stdout and stderr kept apart. Started with `ChildProcess`, not Foundation's `Process`.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           input: String? = nil, directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let stdin = try ChildProcess.pipe()
        let out = try ChildProcess.pipe()
        let err = try ChildProcess.pipe()
        let child: ChildProcess
        do {
            child = try ChildProcess(executable, arguments,
                                     environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                     directory: directory?.path, stdin: stdin.read, stdout: out.write, stderr: err.write)
        } catch {
            for fd in [stdin.read, stdin.write, out.read, out.write, err.read, err.write] { close(fd) }
            throw error
        }
        for fd in [stdin.read, out.write, err.write] { close(fd) }
        // Input, stdout and stderr each on their own, so that no full pipe blocks the child.
        let bytes = Data((input ?? "").utf8)
        let writer = Thread {
            let handle = FileHandle(fileDescriptor: stdin.write, closeOnDealloc: true)
            try? handle.write(contentsOf: bytes)
            try? handle.close()
        }
        writer.start()
        let errData = Locked<Data>()
        let reader = Thread {
            errData.set(FileHandle(fileDescriptor: err.read, closeOnDealloc: true).readDataToEndOfFile())
        }
        reader.start()
        let outData = FileHandle(fileDescriptor: out.read, closeOnDealloc: true).readDataToEndOfFile()
        let status = child.wait()
        return (status, String(decoding: outData, as: UTF8.self), String(decoding: errData.wait(), as: UTF8.self))
    }
}

/// A value written once by another thread, awaited by blocking on a condition (not polled).
public final class Locked<Value: Sendable>: @unchecked Sendable {
    public init() {}
    // @unchecked: every access holds `condition`.
    private let condition = NSCondition()
    private var stored: Value?
    public func set(_ value: Value) {
        condition.lock()
        stored = value
        condition.broadcast()
        condition.unlock()
    }
    public var value: Value? { condition.lock(); defer { condition.unlock() }; return stored }
    /// Blocks until `set` has been called, then returns the value.
    public func wait() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while stored == nil { condition.wait() }
        return stored!
    }
}
