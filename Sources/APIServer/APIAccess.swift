import LocalStore

/// Who may use the `/v1` routes.
public enum APIAccess: Sendable {
    /// API keys, each bound to one environment.
    case keys(APIKeyring)
    /// No keys configured: every request works on one environment, with or without a key. Only
    /// allowed on a loopback address (see `ServerSettings.check()`), for one person's machine.
    case open(environmentID: String)

    /// The environments whose stores the server opens.
    public var environments: [String] {
        switch self {
        case .keys(let ring): ring.environments
        case .open(let environment): [environment]
        }
    }

    /// Keys if there are any, else open access to the local store's default environment.
    public static func from(_ keyring: APIKeyring) -> APIAccess {
        keyring.isEmpty ? .open(environmentID: LocalCustomerStore.defaultEnvironmentID) : .keys(keyring)
    }
}
