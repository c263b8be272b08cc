import CustomerKit
import Foundation
import LocalStore
import RemoteAPI

/// Which backend the console and CLI talk to.
enum BackendKind: String, CaseIterable {
    case local, remote
}

/// The settings in force after flags, environment, config file and defaults are combined,
/// in that order of precedence.
struct AppConfiguration {
    var backend: BackendKind = .local
    var databasePath: String
    var apiURL: String = RemoteConfiguration.defaultBaseURL
    var apiKey: String?
    var environmentID: String?
    var theme: String = "default"
    var timeoutSeconds: Double = RemoteConfiguration.defaultTimeout
    var allowInsecureHTTP = false
    var logFile: String
    /// The audit trail: one JSON line per create, update and delete.
    var auditLog: String
    var configFilePath: String?
    /// The profile in force (nil: the file's top-level settings alone).
    var profileName: String?
    /// A production profile: the console marks every screen and asks more before a delete.
    var isProduction = false
    /// Every profile the config file names, sorted: what the console can switch to.
    var profileNames: [String] = []

    /// What the title bar says about the backend, known before it is opened.
    var backendLabel: String {
        switch backend {
        case .local: "local: \(databasePath)"
        case .remote: "remote: \(RemoteConfiguration(baseURL: apiURL).displayBaseURL)"
        }
    }

    /// Values given on the command line; nil where not given.
    struct Flags {
        var config: String?
        var profile: String?
        var backend: String?
        var db: String?
        var url: String?
        var theme: String?
        var allowInsecureHTTP = false
    }

    static func resolve(flags: Flags, environment: [String: String]) throws(ConfigError) -> AppConfiguration {
        let directories = XDGDirectories(environment: environment)

        // An explicit --config must exist; the default location is optional.
        let filePath = directories.configFileToRead(explicit: flags.config)
        let file = try filePath.map { path throws(ConfigError) in try ConfigFile.load(path: path) } ?? ConfigFile()

        var config = AppConfiguration(
            databasePath: LocalCustomerStore.defaultPath(environment: environment),
            logFile: directories.state + "/console.log",
            auditLog: directories.state + "/audit.jsonl")
        config.configFilePath = filePath

        // The profile's settings beat the environment's: switching to a profile must switch
        // everything it names (a FLEXPRICE_API_URL left in the shell must not follow an
        // operator from the sandbox into production). Flags still win: they are typed now.
        config.profileNames = (file.profiles ?? [:]).keys.sorted()
        let chosen = flags.profile ?? nonEmpty(environment["FLEXPRICE_PROFILE"]) ?? file.profile
        var profile: ConfigProfile?
        if let chosen {
            guard let found = file.profiles?[chosen] else {
                let known = config.profileNames.isEmpty ? "the configuration file has no profiles"
                    : "known: \(config.profileNames.joined(separator: ", "))"
                throw ConfigError("unknown profile \"\(chosen)\" (\(known))")
            }
            profile = found
            config.profileName = chosen
            config.isProduction = found.production ?? false
        }

        let backendName = flags.backend ?? profile?.backend ?? nonEmpty(environment["FLEXPRICE_BACKEND"]) ?? file.backend
        if let backendName {
            guard let kind = BackendKind(rawValue: backendName) else {
                throw ConfigError("unknown backend \"\(backendName)\" (use local or remote)")
            }
            config.backend = kind
        }
        if let db = flags.db ?? profile?.db ?? nonEmpty(environment["FLEXPRICE_DB"]) ?? file.db {
            config.databasePath = directories.expandingTilde(db)
        }
        if let url = flags.url ?? profile?.url ?? nonEmpty(environment["FLEXPRICE_API_URL"]) ?? file.url {
            config.apiURL = url
        }
        config.environmentID = profile?.environmentID ?? nonEmpty(environment["FLEXPRICE_ENVIRONMENT_ID"]) ?? file.environmentID
        config.theme = flags.theme ?? profile?.theme ?? nonEmpty(environment["FLEXPRICE_THEME"]) ?? file.theme ?? "default"
        if let timeout = profile?.timeoutSeconds {
            guard timeout > 0, timeout.isFinite else { throw ConfigError("profiles.\(chosen ?? "").timeout_seconds must be more than 0") }
            config.timeoutSeconds = timeout
        } else if let text = nonEmpty(environment["FLEXPRICE_TIMEOUT_SECONDS"]) {
            guard let timeout = Double(text.trimmingCharacters(in: .whitespaces)), timeout.isFinite, timeout > 0 else {
                throw ConfigError("FLEXPRICE_TIMEOUT_SECONDS must be a number of seconds more than 0 (not \"\(text)\")")
            }
            config.timeoutSeconds = timeout
        } else if let timeout = file.timeoutSeconds {
            guard timeout > 0, timeout.isFinite else { throw ConfigError("timeout_seconds must be more than 0") }
            config.timeoutSeconds = timeout
        }
        config.allowInsecureHTTP = flags.allowInsecureHTTP || (profile?.allowInsecureHTTP ?? file.allowInsecureHTTP ?? false)
        if let log = nonEmpty(environment["FLEXPRICE_LOG_FILE"]) ?? file.logFile {
            config.logFile = directories.expandingTilde(log)
        }
        if let audit = nonEmpty(environment["FLEXPRICE_AUDIT_LOG"]) ?? file.auditLog {
            config.auditLog = directories.expandingTilde(audit)
        }

        // A profile's own key file wins over FLEXPRICE_API_KEY, for the same reason: one key in
        // the shell must not be sent to every profile's server.
        if let keyFile = profile?.apiKeyFile {
            config.apiKey = try readKeyFile(directories.expandingTilde(keyFile))
        } else if let key = nonEmpty(environment["FLEXPRICE_API_KEY"]) {
            config.apiKey = key
        } else if let keyFile = file.apiKeyFile {
            config.apiKey = try readKeyFile(directories.expandingTilde(keyFile))
        }
        if config.backend == .remote, let problem = config.remote.insecureTransportProblem {
            throw ConfigError(problem)
        }
        return config
    }

    /// The remote backend's settings.
    var remote: RemoteConfiguration {
        RemoteConfiguration(baseURL: apiURL, apiKey: apiKey, environmentID: environmentID,
                            timeout: timeoutSeconds, allowInsecureHTTP: allowInsecureHTTP)
    }

    /// Reads an API key file, refusing one that others could read.
    static func readKeyFile(_ path: String) throws(ConfigError) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("api_key_file \(path): cannot read it")
        }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw ConfigError("api_key_file \(path): readable by group or others (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
        }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else { throw ConfigError("api_key_file \(path): the file is empty") }
        return key
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

}
