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

    /// The checks every object of the file gets (the top level, each profile): no `api_key`
    /// by value, and no key it does not know (`_` and `//` keys are comments). `at` names the
    /// object in messages ("profiles.prod."), empty for the top level.
    static func checkKeys(of object: [String: Any], known: Set<String>, at place: String, path: String,
                          keyAdvice: String) throws(ConfigError) {
        if object["api_key"] != nil {
            throw ConfigError("\(path): \(place)api_key must not be stored in the configuration file; \(keyAdvice)")
        }
        for key in object.keys.sorted() where !known.contains(key) && !key.hasPrefix("_") && !key.hasPrefix("//") {
            let within = place.isEmpty ? "" : String(place.dropLast()) + ": "
            throw ConfigError("\(path): \(within)unknown key \"\(key)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

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
        try checkKeys(of: dictionary, known: knownKeys, at: "", path: path,
                      keyAdvice: "set FLEXPRICE_API_KEY or point api_key_file at a file only you can read")
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
