/// Where the console is working: the config file's profile, its environment, and whether it is
/// production. Always on screen (the title bar); a production profile gets its own colours and
/// a badge that stays readable without colour, and a delete there asks for the customer's
/// external id to be typed.
public struct WorkingProfile: Sendable, Hashable {
    /// The profile's name (nil: no profiles in use).
    public var name: String?
    public var environmentID: String?
    public var isProduction: Bool
    /// Every profile the operator can switch to inside the console, sorted.
    public var available: [String]

    public init(name: String? = nil, environmentID: String? = nil, isProduction: Bool = false, available: [String] = []) {
        self.name = name
        self.environmentID = environmentID
        self.isProduction = isProduction
        self.available = available
    }

    /// What the title bar says before the backend: "PRODUCTION prod · env_1 ·".
    var titleLabel: String {
        var parts: [String] = []
        if let name { parts.append(isProduction ? "PRODUCTION \(name)" : "profile \(name)") }
        else if isProduction { parts.append("PRODUCTION") }
        if let environmentID, !environmentID.isEmpty { parts.append("env \(environmentID)") }
        return parts.joined(separator: " · ")
    }
}
