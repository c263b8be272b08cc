import CNcursesw

/// Per-role ncurses attributes and colour pairs for one theme on one terminal.
/// Colours degrade here: 256-colour indexes when COLORS >= 256, the basic colours when
/// COLORS >= 8, and the theme's monochrome attributes otherwise (or when NO_COLOR).
struct CursesRoleStyles {
    private(set) var attributes: [attr_t]
    private(set) var pairs: [Int16]

    static let plain = CursesRoleStyles(attributes: Array(repeating: 0, count: Role.allCases.count),
                                        pairs: Array(repeating: 0, count: Role.allCases.count))

    /// Builds the table and registers the colour pairs it needs (`init_pair`); call after
    /// `start_color`. `defaultColors` tells whether `use_default_colors` succeeded (colour -1).
    static func install(theme: Theme, colorCount: Int, defaultColors: Bool) -> CursesRoleStyles {
        var table = plain
        var pairNumbers: [PairKey: Int16] = [:]
        let maxPairs = Int(cn_color_pairs())
        for role in Role.allCases {
            let style = theme.resolved(role, colorCount: colorCount)
            table.attributes[role.index] = style.attributes.reduce(attr_t(0)) { $0 | cursesAttribute($1) }
            guard var foreground = style.foreground, var background = style.background else { continue }
            if !defaultColors {
                // Without use_default_colors, -1 is not a colour: assume white on black.
                if foreground < 0 { foreground = 7 }
                if background < 0 { background = 0 }
            }
            if foreground < 0 && background < 0 { continue }  // pair 0 is the terminal default
            let key = PairKey(foreground: Int16(foreground), background: Int16(background))
            if let existing = pairNumbers[key] {
                table.pairs[role.index] = existing
            } else if pairNumbers.count + 1 < maxPairs {
                let number = Int16(pairNumbers.count + 1)
                if init_pair(number, key.foreground, key.background) != cn_err() {
                    pairNumbers[key] = number
                    table.pairs[role.index] = number
                }
            }
        }
        return table
    }

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    private static func cursesAttribute(_ attribute: TextAttribute) -> attr_t {
        switch attribute {
        case .bold: cn_a_bold()
        case .reverse: cn_a_reverse()
        case .underline: cn_a_underline()
        case .dim: cn_a_dim()
        }
    }
}
