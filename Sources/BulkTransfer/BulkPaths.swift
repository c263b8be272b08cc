import CustomerKit
import Foundation

/// Paths an operator types in the console: `~` is home, and Tab completes from the folder.
public enum BulkPaths {
    /// `~` or `~/…` from `$HOME`, as the configuration's paths are; anything else as typed.
    public static func expand(_ path: String) -> String {
        XDGDirectories(environment: ProcessInfo.processInfo.environment).expandingTilde(path)
    }

    /// The entries of the typed path's folder whose names start with its last part, written as
    /// the operator typed the folder (so `~/` stays `~/`); folders end in `/`. Hidden entries
    /// only when the last part starts with a dot. At most 200, sorted.
    public static func completions(of typed: String) -> [String] {
        let slash = typed.lastIndex(of: "/")
        let folderTyped = slash.map { String(typed[...$0]) } ?? ""
        let prefix = slash.map { String(typed[typed.index(after: $0)...]) } ?? typed
        let folder = folderTyped.isEmpty ? "." : expand(folderTyped)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [String] = []
        for name in names.sorted() where name.hasPrefix(prefix) && (prefix.hasPrefix(".") || !name.hasPrefix(".")) {
            var isFolder: ObjCBool = false
            // A name that vanished since the listing completes as a plain name.
            _ = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isFolder)
            found.append(folderTyped + name + (isFolder.boolValue ? "/" : ""))
            if found.count == 200 { break }
        }
        return found
    }

    /// What the completions have in common beyond what was typed.
    public static func commonPrefix(_ items: [String]) -> String {
        guard var common = items.first else { return "" }
        for item in items.dropFirst() {
            while !item.hasPrefix(common) { common.removeLast() }
        }
        return common
    }
}
