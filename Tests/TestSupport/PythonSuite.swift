import Foundation

/// The Python end-to-end suites `swift test` runs (the pseudo-terminal suite under unittest,
/// the API suite under pytest): finding an interpreter with their packages, and reading their
/// output for what failed, so that a failure names the Python test and its assertion.
public enum PythonSuite {
    /// One failed Python test: its name and the assertion (or error) that ended it.
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public let test: String
        public let reason: String
        public var description: String { "\(test): \(reason)" }

        public init(test: String, reason: String) {
            self.test = test
            self.reason = reason
        }
    }

    /// An interpreter that can import `modules`: the project's `.build/<venv>`, the `python3` on
    /// PATH, or a new venv in `.build/<venv>` made from `requirements` (a path below `root`).
    public static func interpreter(root: URL, venv: String, modules: [String], requirements: String) throws -> String {
        let folder = root.appendingPathComponent(".build/" + venv)
        let venvPython = folder.appendingPathComponent("bin/python3").path
        let check = ["-c", "import " + modules.joined(separator: ", ")]
        for candidate in [venvPython, "python3"] where (try? BuiltBinaries.run(candidate, check))?.status == 0 {
            return candidate
        }
        let made = try BuiltBinaries.run("python3", ["-m", "venv", folder.path])
        guard made.status == 0 else { throw BuiltBinaries.SetupError("python3 -m venv failed:\n\(made.stderr)") }
        let file = root.appendingPathComponent(requirements).path
        let installed = try BuiltBinaries.run(venvPython, ["-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", file])
        guard installed.status == 0 else { throw BuiltBinaries.SetupError("pip install -r \(file) failed:\n\(installed.stderr)") }
        return venvPython
    }

    /// The failures a run reports, from unittest's `FAIL:` / `ERROR:` blocks and pytest's
    /// `FAILED` / `SUBFAILED` / `ERROR` summary lines (run pytest with `-rfE`). Empty when none
    /// is named, so the caller still reports a failing exit status with the output's tail.
    public static func failures(in output: String) -> [Failure] {
        var found: [Failure] = []
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if let kind = ["FAIL: ", "ERROR: "].first(where: { line.hasPrefix($0) }) {
                // unittest: the header, a rule, the traceback, up to the next block's rule.
                let test = String(line.dropFirst(kind.count))
                var block: [String] = []
                index += 1
                while index < lines.count, !lines[index].hasPrefix("=====") {
                    if lines[index].hasPrefix("-----"), block.count > 1 { break }
                    block.append(lines[index])
                    index += 1
                }
                found.append(Failure(test: test, reason: reason(fromTraceback: block)))
                continue
            }
            for kind in ["FAILED ", "SUBFAILED ", "ERROR "] where line.hasPrefix(kind) && line.contains("::") {
                // pytest: "FAILED path::test - AssertionError: ..." (SUBFAILED for a subtest).
                let rest = line.dropFirst(kind.count)
                let parts = rest.components(separatedBy: " - ")
                found.append(Failure(test: parts[0], reason: parts.dropFirst().joined(separator: " - ")))
            }
            index += 1
        }
        return found
    }

    /// One issue's text per failure; where a failure line gave no reason (pytest's subtests),
    /// the end of the output says what happened.
    public static func report(_ output: String, status: Int32, suite: String) -> [String] {
        let failures = failures(in: output)
        if failures.isEmpty {
            return status == 0 ? [] : ["\(suite) exited \(status):\n\(output.suffix(6000))"]
        }
        var texts = failures.map { "\(suite) test failed: \($0)" }
        if failures.contains(where: { $0.reason.isEmpty }) { texts.append("\(suite) output, the end:\n\(output.suffix(6000))") }
        return texts
    }

    /// The exception lines at the end of a traceback (`AssertionError: ...` and what follows),
    /// at most a dozen lines.
    private static func reason(fromTraceback block: [String]) -> String {
        let body = block.drop { !$0.hasPrefix("Traceback") }
        // The exception starts at the first unindented line after the frames.
        guard let start = body.dropFirst().firstIndex(where: { !$0.hasPrefix(" ") && !$0.isEmpty }) else {
            return block.filter { !$0.isEmpty && !$0.hasPrefix("-----") }.suffix(12).joined(separator: "\n")
        }
        let exception = body[start...].filter { !$0.hasPrefix("-----") }
        return exception.prefix(12).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
