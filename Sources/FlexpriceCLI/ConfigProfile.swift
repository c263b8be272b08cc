import Foundation

/// One named profile of the config file's `profiles`: the settings of one place an operator
/// works (production, a sandbox), laid over the file's top-level settings when chosen with
/// `--profile`, `FLEXPRICE_PROFILE` or the file's `profile`. `production` makes the console
/// unmistakable (its own colours and a title-bar badge) and asks for the external id to be
/// typed before a delete.
struct ConfigProfile: Decodable, Equatable {
    var backend: String?
    var db: String?
    var url: String?
    var environmentID: String?
    var apiKeyFile: String?
    var theme: String?
    var timeoutSeconds: Double?
    var allowInsecureHTTP: Bool?
    var production: Bool?

    static let knownKeys: Set<String> = ["backend", "db", "url", "environment_id", "api_key_file", "theme",
                                         "timeout_seconds", "allow_insecure_http", "production"]

    enum CodingKeys: String, CodingKey {
        case backend, db, url, environmentID = "environment_id", apiKeyFile = "api_key_file", theme
        case timeoutSeconds = "timeout_seconds", allowInsecureHTTP = "allow_insecure_http", production
    }

    /// Names are what operators type and see on every screen: short, plain.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 32
            && name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// Checks the `profiles` object of a config file: known keys only, no API key by value.
    static func check(_ profiles: Any, path: String) throws(ConfigError) {
        guard let profiles = profiles as? [String: Any] else {
            throw ConfigError("\(path): profiles must be an object of named profiles")
        }
        for (name, value) in profiles.sorted(by: { $0.key < $1.key }) {
            guard isValidName(name) else {
                throw ConfigError("\(path): profile name \"\(name)\" must be 1 to 32 letters, digits, '-', '_' or '.'")
            }
            guard let settings = value as? [String: Any] else {
                throw ConfigError("\(path): profiles.\(name) must be an object")
            }
            try ConfigFile.checkKeys(of: settings, known: knownKeys, at: "profiles.\(name).", path: path,
                                     keyAdvice: "point its api_key_file at a file only you can read")
        }
    }
}
