import Foundation
import CustomerKit
import LocalStore

/// Where the server listens, which store file it serves and which keys it accepts, resolved
/// from flags, then the environment, then the config file, then defaults.
///
/// The config file is the console's (`$XDG_CONFIG_HOME/flexprice-console/config.json`, or
/// `--config`): the server reads its `db` and a `server` section, and ignores the console's
/// keys. `config.example.json` documents the section:
/// `{"host", "port", "log_file", "api_keys": [{"environment_id", "sha256"}]}` and the limits
/// (`ServerLimits`: `header_timeout_seconds`, `idle_timeout_seconds`, `request_timeout_seconds`,
/// `max_connections`, `requests_per_environment`). Keys appear there only as SHA-256 digests; a
/// raw key is refused.
public struct ServerSettings: Sendable {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080

    public var host = ServerSettings.defaultHost
    public var port = ServerSettings.defaultPort
    public var databasePath: String
    public var keyring = APIKeyring()
    /// nil: standard error.
    public var logFile: String?
    public var configFilePath: String?
    /// Timeouts and connection limits.
    public var limits = ServerLimits.defaults

    public init(databasePath: String, host: String = ServerSettings.defaultHost, port: Int = ServerSettings.defaultPort,
                keyring: APIKeyring = APIKeyring(), logFile: String? = nil) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        self.keyring = keyring
        self.logFile = logFile
    }

    /// Command-line values; nil where not given.
    public struct Flags: Sendable {
        public var config: String?
        public var host: String?
        public var port: Int?
        public var db: String?
        public var logFile: String?
        /// Seconds.
        public var headerTimeout: Double?
        public var idleTimeout: Double?
        public var requestTimeout: Double?
        public var maxConnections: Int?
        public var requestsPerEnvironment: Int?
        public init(config: String? = nil, host: String? = nil, port: Int? = nil, db: String? = nil,
                    logFile: String? = nil, headerTimeout: Double? = nil, idleTimeout: Double? = nil,
                    requestTimeout: Double? = nil, maxConnections: Int? = nil, requestsPerEnvironment: Int? = nil) {
            self.config = config
            self.host = host
            self.port = port
            self.db = db
            self.logFile = logFile
            self.headerTimeout = headerTimeout
            self.idleTimeout = idleTimeout
            self.requestTimeout = requestTimeout
            self.maxConnections = maxConnections
            self.requestsPerEnvironment = requestsPerEnvironment
        }
    }

    public static func resolve(_ flags: Flags, environment: [String: String]) throws(SettingsError) -> ServerSettings {
        let directories = XDGDirectories(environment: environment)
        let filePath = directories.configFileToRead(explicit: flags.config)
        let file = try filePath.map { path throws(SettingsError) in try ConfigSection.load(path: path) } ?? ConfigSection()
        func nonEmpty(_ name: String) -> String? {
            environment[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        let db = flags.db ?? nonEmpty("FLEXPRICE_DB") ?? file.db
        var settings = ServerSettings(
            databasePath: db.map { directories.expandingTilde($0) } ?? LocalCustomerStore.defaultPath(environment: environment))
        settings.configFilePath = filePath
        settings.host = flags.host ?? file.host ?? defaultHost
        settings.port = flags.port ?? file.port ?? defaultPort
        settings.logFile = (flags.logFile ?? file.logFile).map { directories.expandingTilde($0) }
        guard (0...65535).contains(settings.port) else { throw SettingsError("port \(settings.port) is not 0-65535") }
        settings.limits = try limits(flags, file)
        do throws(KeyringError) {
            for entry in file.keys { try settings.keyring.add(environmentID: entry.environment, sha256: entry.sha256) }
            if let list = nonEmpty("FLEXPRICE_API_KEYS") { try settings.keyring.add(list: list) }
        } catch {
            throw SettingsError(error.description)
        }
        return settings
    }

    private static func limits(_ flags: Flags, _ file: ConfigSection) throws(SettingsError) -> ServerLimits {
        var limits = ServerLimits.defaults
        func seconds(_ value: Double?, _ name: String) throws(SettingsError) -> Duration? {
            guard let value else { return nil }
            guard value > 0, value <= 86_400 else { throw SettingsError("\(name) must be more than 0 and at most 86400 seconds") }
            return .milliseconds(Int64((value * 1000).rounded(.up)))
        }
        func count(_ value: Int?, _ name: String) throws(SettingsError) -> Int? {
            guard let value else { return nil }
            guard value >= 1, value <= 1_000_000 else { throw SettingsError("\(name) must be 1 to 1000000") }
            return value
        }
        if let value = try seconds(flags.headerTimeout ?? file.headerTimeout, "header timeout") { limits.headerTimeout = value }
        if let value = try seconds(flags.idleTimeout ?? file.idleTimeout, "idle timeout") { limits.idleTimeout = value }
        if let value = try seconds(flags.requestTimeout ?? file.requestTimeout, "request timeout") { limits.requestTimeout = value }
        if let value = try count(flags.maxConnections ?? file.maxConnections, "max connections") { limits.maxConnections = value }
        if let value = try count(flags.requestsPerEnvironment ?? file.requestsPerEnvironment, "requests per environment") {
            limits.requestsPerEnvironment = value
        }
        return limits
    }

    /// Refuses what must not run: a non-loopback address without keys (anyone on the network
    /// could read and change every customer).
    public func check() throws(SettingsError) {
        if keyring.isEmpty && !Self.isLoopback(host) {
            throw SettingsError("refusing to listen on \(host) without API keys: set FLEXPRICE_API_KEYS "
                                + "(ENVIRONMENT=KEY,...) or server.api_keys in the config file, or listen on 127.0.0.1")
        }
    }

    /// `localhost`, `::1` and 127.0.0.0/8. Names other than `localhost` are not resolved: they
    /// count as non-loopback.
    public static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "[::1]" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in part.count <= 3 && UInt8(part) != nil }
    }

}

/// A settings problem, said in one line that names the file and key where there is one.
public struct SettingsError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// What the server reads from the shared config file.
struct ConfigSection {
    var db: String?
    var host: String?
    var port: Int?
    var logFile: String?
    var keys: [(environment: String, sha256: String)] = []
    var headerTimeout: Double?
    var idleTimeout: Double?
    var requestTimeout: Double?
    var maxConnections: Int?
    var requestsPerEnvironment: Int?

    static let serverKeys: Set<String> = [
        "host", "port", "log_file", "api_keys", "header_timeout_seconds", "idle_timeout_seconds",
        "request_timeout_seconds", "max_connections", "requests_per_environment",
    ]

    static func load(path: String) throws(SettingsError) -> ConfigSection {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError("\(path): cannot read the configuration file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SettingsError("\(path): not a JSON object")
        }
        var section = ConfigSection()
        if let db = object["db"] {
            guard let text = db as? String else { throw SettingsError("\(path): db must be a string") }
            section.db = text
        }
        guard let server = object["server"] else { return section }
        guard let server = server as? [String: Any] else { throw SettingsError("\(path): server must be an object") }
        for key in server.keys.sorted() where !serverKeys.contains(key) && !key.hasPrefix("_") {
            throw SettingsError("\(path): unknown key server.\(key) (known: \(serverKeys.sorted().joined(separator: ", ")))")
        }
        func string(_ key: String) throws(SettingsError) -> String? {
            guard let value = server[key] else { return nil }
            guard let text = value as? String else { throw SettingsError("\(path): server.\(key) must be a string") }
            return text
        }
        section.host = try string("host")
        section.logFile = try string("log_file").flatMap { $0.isEmpty ? nil : $0 }
        func integer(_ key: String) throws(SettingsError) -> Int? {
            guard let value = server[key] else { return nil }
            guard let number = value as? Int else {
                throw SettingsError("\(path): server.\(key) must be an integer")
            }
            return number
        }
        func number(_ key: String) throws(SettingsError) -> Double? {
            guard let value = server[key] else { return nil }
            guard let number = value as? Double else {
                throw SettingsError("\(path): server.\(key) must be a number of seconds")
            }
            return number
        }
        section.port = try integer("port")
        section.headerTimeout = try number("header_timeout_seconds")
        section.idleTimeout = try number("idle_timeout_seconds")
        section.requestTimeout = try number("request_timeout_seconds")
        section.maxConnections = try integer("max_connections")
        section.requestsPerEnvironment = try integer("requests_per_environment")
        if let keys = server["api_keys"] {
            guard let list = keys as? [[String: Any]] else {
                throw SettingsError("\(path): server.api_keys must be a list of {\"environment_id\", \"sha256\"}")
            }
            for (index, entry) in list.enumerated() {
                let at = "\(path): server.api_keys[\(index)]"
                if entry["key"] != nil || entry["api_key"] != nil {
                    throw SettingsError("\(at): raw keys do not go in the config file; write the key's sha256 "
                                        + "(flexprice-console-api digest-key) or use FLEXPRICE_API_KEYS")
                }
                guard let environment = entry["environment_id"] as? String, let digest = entry["sha256"] as? String else {
                    throw SettingsError("\(at): needs environment_id and sha256 (strings)")
                }
                section.keys.append((environment, digest))
            }
        }
        return section
    }
}
