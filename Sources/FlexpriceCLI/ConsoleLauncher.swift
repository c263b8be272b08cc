import ArgumentParser
import BulkTransfer
import Console
import CustomerKit
import Foundation
import Logging
import TerminalUI

/// Opens the interactive console on the configured backend.
enum ConsoleLauncher {
    static func run(_ flags: AppConfiguration.Flags) async throws {
        let environment = ProcessInfo.processInfo.environment
        let config: AppConfiguration
        do {
            config = try AppConfiguration.resolve(flags: flags, environment: environment)
        } catch {
            CLIOutput.write("error: \(error.description)", to: .standardError)
            throw ExitCode(CLIExit.usage)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            CLIOutput.write("error: the console needs a terminal; for scripts use `flexprice-console customers --help`",
                            to: .standardError)
            throw ExitCode(CLIExit.usage)
        }
        FileLogging.bootstrap(path: config.logFile)
        let logger = Logger(label: "flexprice-console")
        let gate = ImportGate.fromEnvironment()
        let first = start(config, environment: environment, gate: gate)
        watch(first.backend, logger: logger)
        logger.info("console started", metadata: ["backend": "\(config.backendLabel)", "theme": "\(first.theme.name)",
                                                  "profile": "\(config.profileName ?? "-")"])
        // Another profile is resolved as a start with it would be: the config file and the
        // environment, not the other flags, which were typed for the profile started with.
        let runner = ConsoleRunner(start: first) { name in
            do {
                let next = try AppConfiguration.resolve(flags: AppConfiguration.Flags(config: flags.config, profile: name),
                                                        environment: environment)
                let started = start(next, environment: environment, gate: gate)
                watch(started.backend, logger: logger)
                logger.info("profile switched", metadata: ["profile": "\(name)", "backend": "\(next.backendLabel)"])
                return .success(started)
            } catch {
                return .failure(ProfileSwitchFailure("\(error)"))
            }
        }
        do {
            try await ConsoleRunner.runDetached(runner)
        } catch {
            logger.error("console failed: \(error)")
            CLIOutput.write("error: \(error)", to: .standardError)
            throw ExitCode(CLIExit.failure)
        }
        if let signal = runner.endingSignal {
            // Ended by SIGTERM, SIGINT or SIGHUP (drafts kept): say so in the exit status, as
            // shells and systemd expect, so it cannot pass for a clean quit.
            logger.info("console ended by signal \(signal.number)")
            // An export (`x`) still being written is not finished by anyone: its partial file goes.
            PartialFile.removeCurrent()
            throw ExitCode(128 + signal.number)
        }
        logger.info("console closed")
    }

    /// What the console works on for one configuration: the backend (opened in the background
    /// from here on), its theme, its drafts and its profile.
    static func start(_ config: AppConfiguration, environment: [String: String], gate: ImportGate?) -> ConsoleStart {
        let logger = Logger(label: "flexprice-console")
        let beforeImportBatch: @Sendable () -> Void = { gate?.pass() }
        // Opening the backend starts first, on its own thread, and overlaps everything below.
        let backend = BackendOpening { () throws(CustomerError) in
            return EffectRunner(backend: try BackendFactory.make(config, environment: environment),
                                auditTrail: AuditLogFile(path: config.auditLog),
                                importJournals: XDGDirectories(environment: environment).state + "/imports",
                                importBatchSize: environment["FLEXPRICE_IMPORT_BATCH_SIZE"].flatMap(Int.init)
                                    .map { min(max(1, $0), 5_000) },
                                beforeImportBatch: beforeImportBatch)
        }
        let themeDirectories = ThemeSearchPath.directories(environment)
        let (theme, warning) = ThemeLoader.resolve(name: config.theme, searchPath: themeDirectories,
                                                   environment: environment)
        if let warning { logger.warning("\(warning)") }
        // On screen the message line is one row: name theme files without their folder.
        var message = warning.map { text in
            themeDirectories.reduce(text) { $0.replacingOccurrences(of: $1 + "/", with: "") }
        }
        // Unsaved typing is kept on disk as it is typed; without a draft folder the console
        // still runs, but says so.
        var drafts: DraftKeeper?
        do {
            let store = try FileDraftStore(directory: FileDraftStore.defaultDirectory(environment: environment))
            drafts = DraftKeeper(store: store, backend: config.backendLabel) { problem in
                logger.error("draft not saved: \(problem)")
            }
        } catch {
            logger.error("no draft folder: \(error)")
            message = "Drafts cannot be kept (\(error)); save often."
        }
        let profile = WorkingProfile(name: config.profileName,
                                     environmentID: config.backend == .remote ? config.environmentID : nil,
                                     isProduction: config.isProduction, available: config.profileNames)
        return ConsoleStart(backendLabel: config.backendLabel, backend: backend, theme: theme,
                            supportsParents: config.backend == .local, drafts: drafts, profile: profile, message: message)
    }

    /// Logs a backend that cannot be opened (the screen says so too, on the first request).
    private static func watch(_ backend: BackendOpening, logger: Logger) {
        Task.detached(priority: .background) {
            if case .failure(let error) = await backend.result {
                logger.error("backend could not be opened: \(error.description)")
            }
        }
    }
}

/// Where themes are looked for, first match wins: the operator's own, then those installed
/// beside the binary, then the repository's `Themes/` when run from a checkout (`swift run`).
enum ThemeSearchPath {
    static func directories(_ environment: [String: String]) -> [String] {
        var directories = [XDGDirectories(environment: environment).config + "/themes"]
        // The running binary itself, not argv[0]: started from PATH by its bare name, argv[0]
        // has no folder and would be read against the current directory.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        directories.append(directory.appendingPathComponent("../share/flexprice-console/themes").standardized.path)
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("Themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.json").path) {
                directories.append(candidate.path)
                break
            }
            directory = directory.deletingLastPathComponent()
        }
        return directories
    }
}
