import Foundation
import Testing

/// Runs the end-to-end suite in `Tests/EndToEnd`: the real console binary driven in a
/// pseudo-terminal (ttydrive, with the pyte emulator) and checked through the CLI's --json.
/// Part of `swift test` so the README's one test command covers it. Python packages come
/// from `.build/e2e-venv` (made by `.ci/run`, or here on first use) or an interpreter that
/// already has them.
@Suite(.serialized) struct EndToEndConsoleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(.timeLimit(.minutes(30))) func operatorFlowsInARealPseudoTerminal() async throws {
        let binary = try Self.consoleBinary()
        let python = try await Self.pythonWithPyte()
        let result = try await Self.run(python, ["-m", "unittest", "discover", "-v", "-s", "Tests/EndToEnd", "-p", "test_*.py"],
                                  environment: ["FLEXPRICE_CONSOLE_BIN": binary])
        #expect(result.status == 0, "end-to-end suite failed:\n\(result.output)")
    }

    /// The same suite against the release build, which is what operators run: a release build
    /// is compiled differently (one object file per module, optimised), and it once ignored
    /// every signal while the debug build passed. The API server stays the debug one beside
    /// this bundle; the console is what is under test.
    @Test(.timeLimit(.minutes(45))) func operatorFlowsOnTheReleaseBuild() async throws {
        let binary = try await Self.releaseConsoleBinary()
        let api = try Self.consoleBinary().replacingOccurrences(of: "/flexprice-console", with: "/flexprice-console-api",
                                                                  options: .backwards)
        let python = try await Self.pythonWithPyte()
        let result = try await Self.run(python, ["-m", "unittest", "discover", "-v", "-s", "Tests/EndToEnd", "-p", "test_*.py"],
                                        environment: ["FLEXPRICE_CONSOLE_BIN": binary, "FLEXPRICE_API_BIN": api])
        #expect(result.status == 0, "end-to-end suite on the release build failed:\n\(result.output)")
    }

    /// Builds the console in the release configuration. `swift test` holds the lock on `.build`
    /// for its whole run, so this build has a scratch folder of its own (`.build-release`).
    static func releaseConsoleBinary() async throws -> String {
        let scratch = root.appendingPathComponent(".build-release").path
        let built = try await run("swift", ["build", "-c", "release", "--product", "flexprice-console",
                                            "--scratch-path", scratch])
        guard built.status == 0 else { throw SetupError("the release build failed:\n\(built.output)") }
        let binary = scratch + "/release/flexprice-console"
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw SetupError("no release console at \(binary)") }
        return binary
    }

    /// The console binary SwiftPM built beside this test bundle.
    static func consoleBinary() throws -> String {
        var directory = URL(fileURLWithPath: Bundle.main.bundlePath)
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("flexprice-console").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw SetupError("flexprice-console was not found next to \(Bundle.main.bundlePath)")
    }

    /// An interpreter that can import pyte: the project's venv, the one on PATH, or a new venv.
    static func pythonWithPyte() async throws -> String {
        let venv = root.appendingPathComponent(".build/e2e-venv")
        let venvPython = venv.appendingPathComponent("bin/python3").path
        for candidate in [venvPython, "python3"] where (try? await run(candidate, ["-c", "import pyte, wcwidth"]))?.status == 0 {
            return candidate
        }
        let requirements = root.appendingPathComponent("Tests/EndToEnd/requirements.txt").path
        let made = try await run("python3", ["-m", "venv", venv.path])
        guard made.status == 0 else { throw SetupError("python3 -m venv failed:\n\(made.output)") }
        let installed = try await run(venvPython, ["-m", "pip", "install", "-q", "-r", requirements])
        guard installed.status == 0 else { throw SetupError("pip install -r \(requirements) failed:\n\(installed.output)") }
        return venvPython
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Runs a process to its end on a thread of its own: waiting for it on one of Swift
    /// concurrency's pool threads (two on this machine) would starve tests that serve HTTP.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws
        -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try runBlocking(executable, arguments, environment: environment) })
            }.start()
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], environment: [String: String]) throws
        -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
