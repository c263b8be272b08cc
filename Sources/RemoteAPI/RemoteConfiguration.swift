import Foundation

/// Where the remote backend sends requests and with which credentials.
///
/// `baseURL` is used as given, including its version prefix: the FlexPrice API lives under
/// `/v1` (`https://us.api.flexprice.io/v1`, `http://localhost:8080/v1` when self-hosted), and
/// this client never appends `/v1` itself, because a proxy may mount the API elsewhere.
/// A trailing `/` is fine. When the prefix is missing the server answers its plain-text
/// `404 page not found`, and the client's error says so.
///
/// The API key is a secret: `description`, `debugDescription`, `dump` and `label` never show
/// it, and the client removes it from every error message it builds.
public struct RemoteConfiguration: Sendable, Hashable {
    /// The product's default region (contract section 1): "US Region".
    public static let defaultBaseURL = "https://us.api.flexprice.io/v1"
    /// This client's version, sent in the user agent.
    public static let clientVersion = "0.1.0"
    public static let defaultUserAgent = "flexprice-console/\(clientVersion)"
    public static let defaultTimeout: TimeInterval = 15

    /// e.g. `https://us.api.flexprice.io/v1`; see the type's documentation about `/v1`.
    public var baseURL: String
    /// Sent as `x-api-key`. Optional so that a missing key becomes a clear `unauthorized`
    /// error on first use instead of a crash or a vague 401 from the server.
    public var apiKey: String?
    /// Sent as `X-Environment-ID` when set; needed with config keys, which carry no environment.
    public var environmentID: String?
    /// Seconds to wait for an answer before giving up with a `timedOut` transport error.
    /// Applies to each try; retries (see `RetryPolicy`) may add more.
    public var timeout: TimeInterval
    public var userAgent: String
    /// Allows a plain `http://` base URL on a host other than this machine. Off unless the
    /// operator asks: the key and customer data would cross the network unencrypted. There is
    /// deliberately no setting that turns TLS certificate checks off.
    public var allowInsecureHTTP: Bool

    public init(baseURL: String = RemoteConfiguration.defaultBaseURL, apiKey: String? = nil,
                environmentID: String? = nil, timeout: TimeInterval = RemoteConfiguration.defaultTimeout,
                userAgent: String = RemoteConfiguration.defaultUserAgent, allowInsecureHTTP: Bool = false) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.environmentID = environmentID
        self.timeout = timeout
        self.userAgent = userAgent
        self.allowInsecureHTTP = allowInsecureHTTP
    }

    /// The environment's part of the configuration: `FLEXPRICE_API_URL`, `FLEXPRICE_API_KEY`,
    /// `FLEXPRICE_ENVIRONMENT_ID`. Values are trimmed; empty ones count as unset.
    ///
    /// - Parameter baseURL: used when `FLEXPRICE_API_URL` is unset (e.g. from a config file);
    ///   without either, the US region. Command-line flags are the caller's to apply afterwards
    ///   by assigning the properties, so the caller decides the precedence.
    public static func fromEnvironment(_ env: [String: String], baseURL: String? = nil) -> RemoteConfiguration {
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else {
                return nil
            }
            return raw
        }
        let fallback = baseURL.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return RemoteConfiguration(baseURL: value("FLEXPRICE_API_URL") ?? fallback ?? defaultBaseURL,
                                   apiKey: value("FLEXPRICE_API_KEY"),
                                   environmentID: value("FLEXPRICE_ENVIRONMENT_ID"))
    }

    /// The base URL without surrounding blanks or trailing slashes.
    var trimmedBaseURL: String {
        var text = baseURL.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    /// The base URL for display: any `user:password@` part is dropped, since it is a secret too.
    public var displayBaseURL: String {
        guard var parts = URLComponents(string: trimmedBaseURL), parts.host != nil else { return trimmedBaseURL }
        parts.user = nil
        parts.password = nil
        return parts.string ?? trimmedBaseURL
    }

    /// "remote: https://us.api.flexprice.io/v1 (env env_01...)" for a status bar.
    public var label: String {
        var text = "remote: \(displayBaseURL)"
        if let environmentID, !environmentID.isEmpty { text += " (env \(environmentID))" }
        return text
    }

    /// Whether a non-empty key is configured.
    public var hasAPIKey: Bool { !(apiKey ?? "").isEmpty }

    /// Why this configuration must not be used, or nil: a plain `http://` base URL whose host
    /// is not this machine (127.0.0.0/8, ::1, localhost), unless `allowInsecureHTTP`.
    public var insecureTransportProblem: String? {
        guard !allowInsecureHTTP, let parts = URLComponents(string: trimmedBaseURL),
              parts.scheme?.lowercased() == "http", let host = parts.host, !host.isEmpty,
              !LoopbackHost.isLoopback(host) else { return nil }
        return "Refusing plain http:// to \(BodyExcerpt.clean(host, limit: 80)): the API key and customer data "
            + "would cross the network unencrypted. Use https:// in FLEXPRICE_API_URL, or pass "
            + "--allow-insecure-http (config key allow_insecure_http) if this network is trusted"
    }
}

extension RemoteConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "RemoteConfiguration(baseURL: \(displayBaseURL), apiKey: \(hasAPIKey ? "set" : "not set"), "
            + "environmentID: \(environmentID ?? "none"), timeout: \(timeout)s, userAgent: \(userAgent)"
            + (allowInsecureHTTP ? ", allowInsecureHTTP: true)" : ")")
    }

    public var debugDescription: String { description }

    /// `dump()` and the debugger read stored properties through a mirror: hide the key there too.
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": displayBaseURL, "apiKey": hasAPIKey ? "<redacted>" : "<none>",
                                "environmentID": environmentID as Any, "timeout": timeout,
                                "userAgent": userAgent, "allowInsecureHTTP": allowInsecureHTTP],
               displayStyle: .struct)
    }
}
