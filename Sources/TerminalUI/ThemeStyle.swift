/// The eight basic terminal colours (every colour terminal has them) plus the terminal's own
/// default, which keeps the operator's background and transparency.
public enum NamedColor: String, CaseIterable, Sendable, Codable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case `default`

    /// The curses colour number; -1 is "default" (needs `use_default_colors`).
    public var number: Int {
        switch self {
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .default: -1
        }
    }
}

/// A theme colour: an optional 256-colour index, and the basic colour used on 8/16-colour
/// terminals (and on 256-colour ones when no index is given).
public struct ThemeColor: Hashable, Sendable {
    public var index256: Int?
    public var basic: NamedColor

    public init(index256: Int? = nil, basic: NamedColor) {
        self.index256 = index256
        self.basic = basic
    }

    public static let terminalDefault = ThemeColor(basic: .default)

    /// The colour number to use on a terminal with `colorCount` colours (-1 = default).
    public func number(colorCount: Int) -> Int {
        if colorCount >= 256, let index256 { return index256 }
        return basic.number
    }
}

/// Attributes a role can carry. With colour they come from `attrs`, without from `mono`.
public enum TextAttribute: String, CaseIterable, Sendable, Codable, Comparable {
    case bold, reverse, underline, dim

    public static func < (lhs: TextAttribute, rhs: TextAttribute) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// How one role looks, in colour and in monochrome.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    /// Attributes used together with colour.
    public var attributes: Set<TextAttribute>
    /// Attributes used when there is no colour at all (NO_COLOR, vt100, monochrome theme).
    public var monoAttributes: Set<TextAttribute>

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: Set<TextAttribute> = [], monoAttributes: Set<TextAttribute> = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monoAttributes = monoAttributes
    }

    public static let plain = RoleStyle()

    /// What the terminal should actually show: colours degrade from 256 to 8 to none.
    public func resolved(colorCount: Int, monochrome: Bool) -> ResolvedStyle {
        if monochrome || colorCount < 8 {
            return ResolvedStyle(foreground: nil, background: nil, attributes: monoAttributes)
        }
        return ResolvedStyle(foreground: foreground.number(colorCount: colorCount),
                             background: background.number(colorCount: colorCount),
                             attributes: attributes)
    }
}

/// A role's look on a particular terminal. Colours are curses numbers (-1 = terminal default);
/// nil colours mean no colour at all.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var attributes: Set<TextAttribute>
}
