import Foundation

/// Where the programs keep their files, by the XDG Base Directory rules, resolved in one
/// place for the console, the CLI and the server alike. As the specification says, a value that
/// is not an absolute path is ignored (a relative `XDG_CONFIG_HOME` would name a different
/// folder in every working directory), and so is an empty one.
public struct XDGDirectories: Sendable, Hashable {
    public let home: String
    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    public let configHome: String
    /// `$XDG_DATA_HOME`, else `~/.local/share`.
    public let dataHome: String
    /// `$XDG_STATE_HOME`, else `~/.local/state`.
    public let stateHome: String

    /// The folder name under each base.
    public static let application = "flexprice-console"

    public init(environment: [String: String]) {
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        func base(_ name: String, _ fallback: String) -> String {
            guard let value = environment[name], value.hasPrefix("/") else { return home + "/" + fallback }
            return value
        }
        self.home = home
        configHome = base("XDG_CONFIG_HOME", ".config")
        dataHome = base("XDG_DATA_HOME", ".local/share")
        stateHome = base("XDG_STATE_HOME", ".local/state")
    }

    /// `$XDG_CONFIG_HOME/flexprice-console`.
    public var config: String { configHome + "/" + Self.application }
    /// `$XDG_DATA_HOME/flexprice-console`.
    public var data: String { dataHome + "/" + Self.application }
    /// `$XDG_STATE_HOME/flexprice-console`.
    public var state: String { stateHome + "/" + Self.application }
    /// The configuration file both the console and the server read.
    public var configFile: String { config + "/config.json" }

    /// The configuration file to read: an explicit one (`--config`) always, so that a missing
    /// one is an error; the default location only when a file is there.
    public func configFileToRead(explicit: String?) -> String? {
        if let explicit { return explicit }
        return FileManager.default.fileExists(atPath: configFile) ? configFile : nil
    }

    /// A path from a flag or the config file with a leading `~` (alone or `~/…`) meaning home,
    /// as a shell would have expanded it.
    public func expandingTilde(_ path: String) -> String {
        path == "~" ? home : path.hasPrefix("~/") ? home + path.dropFirst(1) : path
    }
}
