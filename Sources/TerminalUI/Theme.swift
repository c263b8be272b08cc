/// A named set of looks, one per `Role`. Loaded from JSON by `ThemeLoader` (format in
/// Themes/README.md); a built-in default is compiled in so the console always has one.
public struct Theme: Hashable, Sendable {
    public var name: String
    /// One style per role (roles a file leaves out have already inherited from `text`).
    public private(set) var styles: [Role: RoleStyle]
    /// True when colours must not be used at all (NO_COLOR): roles use their `mono` attributes.
    public var isMonochrome: Bool

    public init(name: String, styles: [Role: RoleStyle], isMonochrome: Bool = false) {
        self.name = name
        let text = styles[.text] ?? .plain
        var complete: [Role: RoleStyle] = [:]
        for role in Role.allCases { complete[role] = styles[role] ?? text }
        self.styles = complete
        self.isMonochrome = isMonochrome
    }

    public func style(for role: Role) -> RoleStyle { styles[role] ?? .plain }

    /// The same theme with colour switched off: every role uses its monochrome attributes.
    public var monochrome: Theme {
        var copy = self
        copy.isMonochrome = true
        return copy
    }

    /// What a role looks like on a terminal with `colorCount` colours.
    public func resolved(_ role: Role, colorCount: Int) -> ResolvedStyle {
        style(for: role).resolved(colorCount: colorCount, monochrome: isMonochrome)
    }

    /// The built-in default theme (the same as Themes/default.json; a test keeps them equal).
    public static let builtinDefault: Theme = {
        do {
            return try ThemeParser.parse(BuiltinTheme.defaultJSON, file: "<built-in default>")
        } catch {
            // Only reachable if the literal below is edited badly; the test suite parses it.
            fatalError("built-in theme is broken: \(error)")
        }
    }()
}
