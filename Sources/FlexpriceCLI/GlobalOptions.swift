import ArgumentParser

/// Options every command takes; they override the environment and the config file.
public struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file (default: $XDG_CONFIG_HOME/flexprice-console/config.json).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A named profile of the config file (FLEXPRICE_PROFILE): its backend, URL, key file, environment and theme.", valueName: "name"))
    var profile: String?

    @Option(name: .long, help: ArgumentHelp("Where customers live: local (embedded store, the default) or remote (a FlexPrice API).", valueName: "local|remote"))
    var backend: String?

    @Option(name: .long, help: ArgumentHelp("The local store's SQLite file (default: $XDG_DATA_HOME/flexprice-console/customers.sqlite).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The remote API's base URL, including /v1 (default: https://us.api.flexprice.io/v1).", valueName: "url"))
    var url: String?

    @Option(name: .long, help: ArgumentHelp("Console colour theme: default, light, high-contrast, monochrome, or a theme file's name.", valueName: "name"))
    var theme: String?

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow a plain http:// API URL on a host other than this machine (the API key would cross the network unencrypted).")
    var allowInsecureHTTP = false

    // There is deliberately no option for the API key: a value on the command line shows in
    // `ps`, shell history and logs. It comes from FLEXPRICE_API_KEY or api_key_file.

    public init() {}

    var flags: AppConfiguration.Flags {
        AppConfiguration.Flags(config: config, profile: profile, backend: backend, db: db, url: url, theme: theme,
                               allowInsecureHTTP: allowInsecureHTTP)
    }
}
