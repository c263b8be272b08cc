/// Checks a theme file against the format in Themes/README.md and builds a `Theme`.
/// Strict on purpose (k9s skins, not CSS): a typo in a key or colour is an error with its key
/// path, rather than a silently ignored line the operator never sees take effect.
enum ThemeParser {
    static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let document: JSONValue
        do {
            document = try JSONValue.parse(text)
        } catch {
            throw ThemeError(.invalidJSON, file: file,
                             message: "invalid JSON at line \(error.line), column \(error.column): \(error.message)")
        }
        let context = Context(file: file)
        let top = try context.object(document, at: "")
        var name: String?
        var partials: [Role: PartialStyle] = [:]
        var sawRoles = false
        for (key, value) in top {
            switch key {
            case "name": name = try context.string(value, at: key)
            case "description", "$schema": _ = try context.string(value, at: key)
            case "roles":
                sawRoles = true
                for (roleName, roleValue) in try context.object(value, at: key) {
                    let path = "roles.\(roleName)"
                    guard let role = Role(rawValue: roleName) else {
                        throw ThemeError(.unknownRole, file: file, keyPath: path,
                                         message: "unknown role \"\(roleName)\" (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    partials[role] = try context.partialStyle(roleValue, at: path)
                }
            default:
                throw ThemeError(.unknownKey, file: file, keyPath: key,
                                 message: "unknown key \"\(key)\" (expected name, description, roles)")
            }
        }
        guard sawRoles else { throw ThemeError(.missingKey, file: file, keyPath: "roles", message: "missing") }
        guard let name, !name.isEmpty else {
            throw ThemeError(.missingKey, file: file, keyPath: "name", message: "missing or empty")
        }
        // Roles (and fields of roles) left out inherit from `text`.
        let text = (partials[.text] ?? PartialStyle()).applied(over: .plain)
        var styles: [Role: RoleStyle] = [.text: text]
        for (role, partial) in partials where role != .text { styles[role] = partial.applied(over: text) }
        return Theme(name: name, styles: styles)
    }

    /// A role as written in the file: any field may be missing.
    struct PartialStyle {
        var foreground: ThemeColor?
        var background: ThemeColor?
        var attributes: Set<TextAttribute>?
        var monoAttributes: Set<TextAttribute>?

        func applied(over base: RoleStyle) -> RoleStyle {
            RoleStyle(foreground: foreground ?? base.foreground, background: background ?? base.background,
                      attributes: attributes ?? base.attributes, monoAttributes: monoAttributes ?? base.monoAttributes)
        }
    }

    struct Context {
        let file: String

        func wrongType(_ value: JSONValue, at path: String, expected: String) -> ThemeError {
            ThemeError(.wrongType, file: file, keyPath: path, message: "expected \(expected), found \(value.kindDescription)")
        }

        func object(_ value: JSONValue, at path: String) throws(ThemeError) -> [(key: String, value: JSONValue)] {
            guard case .object(let members) = value else { throw wrongType(value, at: path.isEmpty ? "(top level)" : path, expected: "an object") }
            return members
        }

        func string(_ value: JSONValue, at path: String) throws(ThemeError) -> String {
            guard case .string(let text) = value else { throw wrongType(value, at: path, expected: "a string") }
            return text
        }

        func partialStyle(_ value: JSONValue, at path: String) throws(ThemeError) -> PartialStyle {
            var style = PartialStyle()
            for (key, member) in try object(value, at: path) {
                let memberPath = "\(path).\(key)"
                switch key {
                case "fg": style.foreground = try color(member, at: memberPath)
                case "bg": style.background = try color(member, at: memberPath)
                case "attrs": style.attributes = try attributes(member, at: memberPath)
                case "mono": style.monoAttributes = try attributes(member, at: memberPath)
                default:
                    throw ThemeError(.unknownKey, file: file, keyPath: memberPath,
                                     message: "unknown key \"\(key)\" (expected fg, bg, attrs, mono)")
                }
            }
            return style
        }

        func namedColor(_ value: JSONValue, at path: String) throws(ThemeError) -> NamedColor {
            let name = try string(value, at: path)
            guard let color = NamedColor(rawValue: name) else {
                throw ThemeError(.unknownColour, file: file, keyPath: path,
                                 message: "unknown colour \"\(name)\" (expected \(NamedColor.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return color
        }

        /// "cyan", or {"256": 39, "8": "cyan"} ("8" defaults to "default").
        func color(_ value: JSONValue, at path: String) throws(ThemeError) -> ThemeColor {
            switch value {
            case .string:
                return ThemeColor(basic: try namedColor(value, at: path))
            case .object(let members):
                var color = ThemeColor(basic: .default)
                for (key, member) in members {
                    let memberPath = "\(path).\(key)"
                    switch key {
                    case "256": color.index256 = try colorIndex(member, at: memberPath)
                    case "8": color.basic = try namedColor(member, at: memberPath)
                    default:
                        throw ThemeError(.unknownKey, file: file, keyPath: memberPath,
                                         message: "unknown key \"\(key)\" (expected \"256\" and \"8\")")
                    }
                }
                return color
            default:
                throw wrongType(value, at: path, expected: "a colour name or {\"256\": index, \"8\": name}")
            }
        }

        func colorIndex(_ value: JSONValue, at path: String) throws(ThemeError) -> Int {
            guard case .number(let literal) = value, let index = Int(literal) else {
                throw wrongType(value, at: path, expected: "a whole number 0...255")
            }
            guard (0...255).contains(index) else {
                throw ThemeError(.indexOutOfRange, file: file, keyPath: path,
                                 message: "colour index \(index) is out of range 0...255")
            }
            return index
        }

        func attributes(_ value: JSONValue, at path: String) throws(ThemeError) -> Set<TextAttribute> {
            guard case .array(let elements) = value else { throw wrongType(value, at: path, expected: "an array of attribute names") }
            var result: Set<TextAttribute> = []
            for (index, element) in elements.enumerated() {
                let elementPath = "\(path)[\(index)]"
                let name = try string(element, at: elementPath)
                guard let attribute = TextAttribute(rawValue: name) else {
                    throw ThemeError(.unknownAttribute, file: file, keyPath: elementPath,
                                     message: "unknown attribute \"\(name)\" (expected \(TextAttribute.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                result.insert(attribute)
            }
            return result
        }
    }
}
