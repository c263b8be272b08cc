import Foundation
import TestSupport
import Testing

/// Runs the Python suite in `Tests/APIEndToEnd` (pytest): the official FlexPrice SDK
/// (flexprice 2.1.43) and schemathesis against the server binary on a free loopback port.
/// Part of `swift test` so the README's one test command covers it. Python packages come from
/// `.build/api-venv` (made by `.ci/run`, or here on first use) or an interpreter that already
/// has them.
@Suite(.serialized) struct PythonSuiteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(.timeLimit(.minutes(30))) func sdkAndSchemathesisAgainstTheServer() async throws {
        let binary = try BuiltBinaries.path("flexprice-console-api")
        let python = try await BuiltBinaries.offPool {
            try PythonSuite.interpreter(root: Self.root, venv: "api-venv", modules: ["flexprice", "schemathesis", "pytest"],
                                        requirements: "Tests/APIEndToEnd/requirements.txt")
        }
        let result = try await BuiltBinaries.output(python, ["-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", "Tests/APIEndToEnd"],
                                                    environment: ["FLEXPRICE_CONSOLE_API_BIN": binary], directory: Self.root)
        // Each failing Python test by name, with its assertion; the output's tail if none is named.
        for text in PythonSuite.report(result.stdout + "\n" + result.stderr, status: result.status, suite: "API end-to-end") {
            Issue.record(Comment(rawValue: text))
        }
        // pytest's summary line, e.g. "9 passed, 10 subtests passed in 8.1s", for the record.
        print(String(result.stdout.split(separator: "\n").last ?? ""))
    }
}
