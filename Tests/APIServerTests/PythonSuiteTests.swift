import Foundation
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
        let python = try await BuiltBinaries.offPool { try Self.pythonWithPackages() }
        let result = try await BuiltBinaries.output(python.program, python.arguments + ["-m", "pytest", "-q", "-p", "no:cacheprovider", "Tests/APIEndToEnd"],
                                           environment: ["FLEXPRICE_CONSOLE_API_BIN": binary], directory: Self.root)
        #expect(result.status == 0, "API end-to-end suite failed:\n\(result.stdout)\n\(result.stderr)")
        // pytest's summary line, e.g. "9 passed, 10 subtests passed in 8.1s", for the record.
        print(result.stdout.split(separator: "\n").last ?? "")
    }

    /// An interpreter that can import the suite's packages: the project's venv, the one on PATH,
    /// or a new venv made from `Tests/APIEndToEnd/requirements.txt`. Returned as the program
    /// and the arguments that start it.
    static func pythonWithPackages() throws -> (program: String, arguments: [String]) {
        let venv = root.appendingPathComponent(".build/api-venv")
        let venvPython = venv.appendingPathComponent("bin/python3").path
        let onPath = (program: "/usr/bin/env", arguments: ["python3"])
        let check = ["-c", "import flexprice, schemathesis, pytest"]
        for candidate in [(program: venvPython, arguments: [String]()), onPath]
        where (try? BuiltBinaries.run(candidate.program, candidate.arguments + check))?.status == 0 {
            return candidate
        }
        let requirements = root.appendingPathComponent("Tests/APIEndToEnd/requirements.txt").path
        let made = try BuiltBinaries.run(onPath.program, onPath.arguments + ["-m", "venv", venv.path])
        guard made.status == 0 else { throw BuiltBinaries.SetupError("python3 -m venv failed:\n\(made.stderr)") }
        let installed = try BuiltBinaries.run(venvPython, ["-m", "pip", "install", "-q", "--disable-pip-version-check",
                                                           "-r", requirements])
        guard installed.status == 0 else {
            throw BuiltBinaries.SetupError("pip install -r \(requirements) failed:\n\(installed.stderr)")
        }
        return (venvPython, [])
    }
}
