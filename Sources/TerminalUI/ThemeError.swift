/// Why a theme file could not be used. The description names the file and the JSON key path
/// (`Themes/light.json: roles.title.fg: unknown colour "purpel"`) so the console can show it
/// and fall back to the built-in default.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case notFound, unreadable, invalidName, invalidJSON
        case wrongType, unknownKey, missingKey, unknownRole, unknownColour, indexOutOfRange, unknownAttribute
    }

    public var kind: Kind
    /// The file as it was found on the search path (or the theme name when none was found).
    public var file: String
    /// Dotted JSON path such as "roles.title.fg" or "roles.hint.attrs[1]"; empty for the whole file.
    public var keyPath: String
    public var message: String

    public init(_ kind: Kind, file: String, keyPath: String = "", message: String) {
        self.kind = kind
        self.file = file
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        keyPath.isEmpty ? "\(file): \(message)" : "\(file): \(keyPath): \(message)"
    }
}
