import APIServer
import ArgumentParser
import Foundation
import Logging

/// `flexprice-console-api`: serves the local customer store as the FlexPrice customers API.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flexprice-console-api",
        abstract: "Serve the local customer store as the FlexPrice customers API.",
        discussion: """
            API keys: FLEXPRICE_API_KEYS="ENVIRONMENT=KEY,..." (a KEY may be sha256:<hex digest>), or
            server.api_keys in the config file (digests only). Each key sees only its environment.
            Without keys the server runs open on the local store's environment, and only on a
            loopback address.
            """,
        subcommands: [Serve.self, DigestKey.self],
        defaultSubcommand: Serve.self)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (the default).")

    @Option(help: "Address to listen on (default 127.0.0.1; anything but loopback needs API keys).")
    var host: String?
    @Option(help: "Port to listen on (default 8080; 0 picks a free one, printed on start).")
    var port: Int?
    @Option(help: "The customer database (default: FLEXPRICE_DB, the config's db, else the console's default).")
    var db: String?
    @Option(help: "Configuration file (default $XDG_CONFIG_HOME/flexprice-console/config.json).")
    var config: String?
    @Option(help: "Append log lines to this file instead of standard error.")
    var logFile: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"
    @Option(help: "Seconds a client has to send a request's head (default 10; then 408 and closed).")
    var headerTimeout: Double?
    @Option(help: "Seconds a kept-alive connection may sit without a request (default 60).")
    var idleTimeout: Double?
    @Option(help: "Seconds a request may take, body and work (default 30; then 503 and the work stops).")
    var requestTimeout: Double?
    @Option(help: "Open connections at most (default 1000); one more is answered 503 and closed.")
    var maxConnections: Int?
    @Option(help: "Requests of one environment that work at once (default 4); the rest wait their turn.")
    var requestsPerEnvironment: Int?

    func run() async throws {
        let settings: ServerSettings
        do {
            settings = try ServerSettings.resolve(
                .init(config: config, host: host, port: port, db: db, logFile: logFile,
                      headerTimeout: headerTimeout, idleTimeout: idleTimeout, requestTimeout: requestTimeout,
                      maxConnections: maxConnections, requestsPerEnvironment: requestsPerEnvironment),
                environment: ProcessInfo.processInfo.environment)
            try settings.check()
        } catch {
            throw ValidationError(error.description)
        }
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("unknown log level \(logLevel)")
        }
        let sink = try settings.logFile.map { try LineLogHandler.Sink.file($0) } ?? .standardError
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, sink: sink, level: level) }
        let logger = Logger(label: "flexprice-console-api")
        if settings.keyring.isEmpty {
            logger.warning("no API keys configured: open access to the local environment, loopback only")
        }
        let limits = settings.limits
        logger.info("serving", metadata: [
            "db": .string(settings.databasePath),
            "environments": .string(APIAccess.from(settings.keyring).environments.joined(separator: ",")),
            "limits": .string("header_timeout=\(ServerLimits.text(limits.headerTimeout))s "
                + "idle_timeout=\(ServerLimits.text(limits.idleTimeout))s "
                + "request_timeout=\(ServerLimits.text(limits.requestTimeout))s "
                + "max_connections=\(limits.maxConnections) requests_per_environment=\(limits.requestsPerEnvironment)"),
        ])
        let application = try APIServer.makeApplication(settings, logger: logger) { host, port in
            let shown = host.contains(":") ? "[\(host)]" : host
            // Unbuffered: whoever started the server with port 0 reads the port from this line.
            FileHandle.standardOutput.write(Data("flexprice-console-api listening on http://\(shown):\(port)\n".utf8))
        }
        try await application.runService()
    }
}

/// Prints the SHA-256 of a key read from standard input, for `server.api_keys` in the config.
struct DigestKey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest-key",
        abstract: "Print the sha256 of an API key read from standard input (for server.api_keys).")

    func run() throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let key = input.trimmingCharacters(in: .whitespacesAndNewlines)
        guard key.count >= APIKeyring.minimumKeyLength else {
            throw ValidationError("a key needs at least \(APIKeyring.minimumKeyLength) characters")
        }
        print(APIKeyring.hexDigest(of: key))
    }
}
