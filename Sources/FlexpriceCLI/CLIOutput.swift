import ArgumentParser
import CustomerKit
import Foundation
import TerminalUI

/// Writing results and errors. Human output escapes control characters (customer data may
/// hold anything); JSON output is the API's JSON, byte-safe by construction.
enum CLIOutput {
    static func write(_ text: String, to handle: FileHandle = .standardOutput) {
        handle.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func json<T: Encodable>(_ value: T) {
        let pretty = isatty(STDOUT_FILENO) == 1
        FileHandle.standardOutput.write(CustomerJSON.encode(value, pretty: pretty))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// Shows a value from customer data safely in a terminal.
    static func safe(_ text: String) -> String { SafeText.visible(text) }

    /// Prints the error on stderr (the FlexPrice error JSON with `--json`) and returns the exit code.
    static func report(_ error: CustomerError, json: Bool) -> ExitCode {
        if json {
            FileHandle.standardError.write(CustomerJSON.encode(error.response))
            FileHandle.standardError.write(Data("\n".utf8))
        } else {
            var lines = ["error: \(safe(error.message))"]
            for key in error.details.keys.sorted() {
                let text = error.details[key]!
                if text == error.message { continue }
                // A field's problem is said with the operator's label; other details (customer_id,
                // lookup_key) are already named by their key.
                let label = CustomerField(detailsKey: key)?.label
                let shown = label.map { text.hasPrefix($0 + ":") ? text : "\($0): \(text)" } ?? text
                lines.append("  \(key): \(safe(shown))")
            }
            write(lines.joined(separator: "\n"), to: .standardError)
        }
        return ExitCode(CLIExit.code(for: error))
    }

    static func fail(message: String, json: Bool, code: String) {
        if json {
            let response = ErrorResponse(code: code, message: message, httpStatusCode: 400)
            FileHandle.standardError.write(CustomerJSON.encode(response))
            FileHandle.standardError.write(Data("\n".utf8))
        } else {
            write("error: \(safe(message))", to: .standardError)
        }
    }
}
