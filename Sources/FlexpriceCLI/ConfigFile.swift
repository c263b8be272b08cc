import CustomerKit
import Foundation

/// The JSON configuration file (`$XDG_CONFIG_HOME/flexprice-console/config.json`, or `--config`).
/// Every key is optional; `config.example.json` documents each one.
///
/// The API key is never read from this file by value: `api_key_file` names a file that holds it.
/// A config that contains `api_key` is refused, so the key can't sit in a shared dotfile.
struct ConfigFile: Decodable, Equatable {
    var backend: String?
    var db: String?
    var url: String?
    var environmentID: String?
    var apiKeyFile: String?
    var theme: String?
    var timeoutSeconds: Double?
    var logFile: String?
    var auditLog: String?
    var allowInsecureHTTP: Bool?
    /// Named places to work (see `ConfigProfile`), and the one used when none is asked for.
    var profiles: [String: ConfigProfile]?
    var profile: String?

    /// `server` is flexprice-console-api's section of the same file; the console ignores it.
    static let knownKeys: Set<String> = ["backend", "db", "url", "environment_id", "api_key_file", "theme",
                                         "timeout_seconds", "log_file", "audit_log", "allow_insecure_http",
                                         "profiles", "profile", "server"]

    enum CodingKeys: String, CodingKey {
        case backend, db, url, environmentID = "environment_id", apiKeyFile = "api_key_file", theme
        case timeoutSeconds = "timeout_seconds", logFile = "log_file", auditLog = "audit_log"
        case allowInsecureHTTP = "allow_insecure_http", profiles, profile
    }

    /// Reads and checks a config file. Keys starting with `_` or `//` are comments.
    static func load(path: String) throws(ConfigError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("\(path): cannot read the configuration file")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ConfigError("\(path): not valid JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw ConfigError("\(path): the configuration must be a JSON object")
        }
        if dictionary["api_key"] != nil {
            throw ConfigError("\(path): api_key must not be stored in the configuration file; "
                + "set FLEXPRICE_API_KEY or point api_key_file at a file only you can read")
        }
        for key in dictionary.keys.sorted() where !knownKeys.contains(key) && !key.hasPrefix("_") && !key.hasPrefix("//") {
            throw ConfigError("\(path): unknown key \"\(key)\" (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        if let profiles = dictionary["profiles"] { try ConfigProfile.check(profiles, path: path) }
        do {
            return try JSONDecoder().decode(ConfigFile.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ConfigError("\(path): \(key) has the wrong type (\(context.debugDescription))")
        } catch {
            throw ConfigError("\(path): \(error)")
        }
    }
}

/// A configuration problem, said in one line that names the file and key.
struct ConfigError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
