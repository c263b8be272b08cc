import TerminalUI

/// Everything the console needs to work on one configuration: what the runner starts with,
/// and what it starts again with when the operator switches profile (`P`).
public struct ConsoleStart: Sendable {
    public var backendLabel: String
    public var backend: BackendOpening
    public var theme: Theme
    public var supportsParents: Bool
    public var drafts: DraftKeeper?
    public var profile: WorkingProfile
    /// Shown on the message line once started (a theme that could not be read, no draft folder).
    public var message: String?

    public init(backendLabel: String, backend: BackendOpening, theme: Theme, supportsParents: Bool,
                drafts: DraftKeeper? = nil, profile: WorkingProfile = WorkingProfile(), message: String? = nil) {
        self.backendLabel = backendLabel
        self.backend = backend
        self.theme = theme
        self.supportsParents = supportsParents
        self.drafts = drafts
        self.profile = profile
        self.message = message
    }
}

/// Why a profile could not be switched to (its key file unreadable, say): the console stays
/// where it was and shows this.
public struct ProfileSwitchFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Builds the start for a profile, by name.
public typealias ProfileSwitcher = @Sendable (String) -> Result<ConsoleStart, ProfileSwitchFailure>
