import Foundation
import TestSupport
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
        let binary = try BuiltBinaries.path("flexprice-console")
        try await runSuite(console: binary, extra: [:], what: "end-to-end")
    }

    /// The same suite against the release build, which is what operators run: a release build
    /// is compiled differently (one object file per module, optimised), and it once ignored
    /// every signal while the debug build passed. The API server stays the debug one beside
    /// this bundle; the console is what is under test.
    @Test(.timeLimit(.minutes(45))) func operatorFlowsOnTheReleaseBuild() async throws {
        let binary = try await Self.releaseConsoleBinary()
        let api = try BuiltBinaries.path("flexprice-console-api")
        try await runSuite(console: binary, extra: ["FLEXPRICE_API_BIN": api], what: "end-to-end (release build)")
    }

    /// Runs `Tests/EndToEnd` under unittest and reports each failing Python test by name, with
    /// its assertion (the output's tail when the run failed without naming one).
    private func runSuite(console: String, extra: [String: String], what: String) async throws {
        let python = try await BuiltBinaries.offPool {
            try PythonSuite.interpreter(root: Self.root, venv: "e2e-venv", modules: ["pyte", "wcwidth"],
                                        requirements: "Tests/EndToEnd/requirements.txt")
        }
        let result = try await BuiltBinaries.output(
            python, ["-m", "unittest", "discover", "-v", "-s", "Tests/EndToEnd", "-p", "test_*.py"],
            environment: extra.merging(["FLEXPRICE_CONSOLE_BIN": console]) { $1 }, directory: Self.root)
        for text in PythonSuite.report(result.stdout + "\n" + result.stderr, status: result.status, suite: what) {
            Issue.record(Comment(rawValue: text))
        }
    }

    /// Builds the console as it ships: release, with Swift's standard library linked in (the
    /// build `scripts/install.sh` and the Debian package install). `swift test` holds the lock
    /// on `.build` for its whole run, so this build has a scratch folder of its own
    /// (`.build-release`, install.sh's too).
    static func releaseConsoleBinary() async throws -> String {
        let scratch = root.appendingPathComponent(".build-release").path
        let built = try await BuiltBinaries.output("swift", ["build", "-c", "release", "--static-swift-stdlib",
                                                             "--product", "flexprice-console", "--scratch-path", scratch],
                                                   directory: root)
        guard built.status == 0 else {
            throw BuiltBinaries.SetupError("the release build failed:\n\(built.stdout)\n\(built.stderr)")
        }
        let binary = scratch + "/release/flexprice-console"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BuiltBinaries.SetupError("no release console at \(binary)")
        }
        return binary
    }
}
