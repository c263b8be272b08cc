import ArgumentParser
import CustomerKit
import Foundation

/// What a subcommand needs to run: the resolved configuration, the backend, and the
/// output conventions (tables for people, the API's JSON with `--json`, errors on stderr).
struct CLIContext {
    let config: AppConfiguration
    let backend: any CustomerBackend
    let json: Bool

    static func make(_ global: GlobalOptions, json: Bool) throws -> CLIContext {
        let environment = ProcessInfo.processInfo.environment
        do {
            let config = try AppConfiguration.resolve(flags: global.flags, environment: environment)
            let backend = try BackendFactory.make(config, environment: environment)
            return CLIContext(config: config, backend: backend, json: json)
        } catch let error as ConfigError {
            CLIOutput.fail(message: error.description, json: json, code: "config_error")
            throw ExitCode(CLIExit.usage)
        } catch let error as CustomerError {
            throw CLIOutput.report(error, json: json)
        }
    }

    /// Runs one backend call; a failure is reported and becomes the process's exit code.
    func run<T>(_ operation: (any CustomerBackend) async throws(CustomerError) -> T) async throws -> T {
        do {
            return try await operation(backend)
        } catch {
            throw CLIOutput.report(error, json: json)
        }
    }
}

/// Exit codes scripts can rely on.
enum CLIExit {
    static let failure: Int32 = 1
    static let usage: Int32 = 2
    static let validation: Int32 = 3
    static let notFound: Int32 = 4
    static let conflict: Int32 = 5
    static let access: Int32 = 6
    static let unavailable: Int32 = 7

    static func code(for error: CustomerError) -> Int32 {
        switch error {
        case .validation, .invalidOperation: validation
        case .notFound: notFound
        case .alreadyExists, .versionConflict: conflict
        case .unauthorized, .forbidden: access
        case .transport, .invalidResponse: unavailable
        case .server(_, let status, _, _): status == 409 ? conflict : status >= 500 ? unavailable : failure
        }
    }
}
