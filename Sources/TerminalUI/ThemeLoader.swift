#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds and loads themes by name. The caller passes the search path (e.g. the user's config
/// directory before the installed Themes/ directory) and decides what to do with errors;
/// `resolve` is the usual one-call way: it never fails, it falls back to the built-in default
/// and returns a warning to show.
public enum ThemeLoader {
    /// The name of the compiled-in theme; found even when no file exists.
    public static let defaultName = "default"
    /// Theme files larger than this are refused (a theme is a couple of kilobytes).
    static let maxFileBytes = 256 * 1024

    /// Loads `<dir>/<name>.json` from the first directory in `searchPath` that has it. The name
    /// "default" falls back to the built-in theme when no directory has a file for it.
    public static func load(name: String, searchPath: [String]) throws(ThemeError) -> Theme {
        guard isValidName(name) else {
            throw ThemeError(.invalidName, file: name,
                             message: "invalid theme name (use letters, digits, '-', '_' and '.')")
        }
        for directory in searchPath {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + name + ".json"
            if access(path, F_OK) == 0 { return try load(file: path) }
        }
        if name == defaultName { return .builtinDefault }
        let places = searchPath.isEmpty ? "an empty search path" : searchPath.joined(separator: ", ")
        throw ThemeError(.notFound, file: name + ".json", message: "theme \"\(name)\" not found in \(places)")
    }

    /// Loads one theme file.
    public static func load(file path: String) throws(ThemeError) -> Theme {
        guard let text = readFile(path) else {
            throw ThemeError(.unreadable, file: path, message: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        return try parse(text, file: path)
    }

    /// Parses theme JSON; `file` is only used in error messages.
    public static func parse(_ json: String, file: String) throws(ThemeError) -> Theme {
        try ThemeParser.parse(json, file: file)
    }

    /// The theme to use, never failing: `name` (nil = default) from `searchPath`, or the built-in
    /// default plus a warning saying why. `NO_COLOR` in `environment` with any value, even an
    /// empty one, forces monochrome whatever the theme: the product asks for "any value", which
    /// is stricter than https://no-color.org ("non-empty").
    public static func resolve(name: String?, searchPath: [String],
                               environment: [String: String]) -> (Theme, warning: String?) {
        let noColor = environment["NO_COLOR"] != nil
        let wanted = (name?.isEmpty ?? true) ? defaultName : name!
        var theme: Theme
        var warning: String?
        do {
            theme = try load(name: wanted, searchPath: searchPath)
        } catch {
            theme = .builtinDefault
            warning = "\(error.description); using the built-in default theme"
        }
        if noColor { theme = theme.monochrome }
        return (theme, warning)
    }

    /// Names of the themes found on the search path (for a "list themes" option), sorted.
    public static func availableNames(searchPath: [String]) -> [String] {
        var names: Set<String> = [defaultName]
        for directory in searchPath {
            guard let handle = opendir(directory) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let fileName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard fileName.hasSuffix(".json") else { continue }
                let name = String(fileName.dropLast(5))
                if isValidName(name) { names.insert(name) }
            }
        }
        return names.sorted()
    }

    /// Names are file stems, never paths: no "/", no leading ".", so "../x" cannot escape.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64 && !name.hasPrefix(".")
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    private static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count > 0 { bytes += buffer[..<count] }
            if bytes.count > maxFileBytes { errno = EFBIG; return nil }
            if count < buffer.count { break }
        }
        if ferror(file) != 0 { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
