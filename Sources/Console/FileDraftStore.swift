import CustomerKit
import Foundation

/// Drafts as one JSON file each in a private folder (0700; files 0600: they hold customer
/// data). A write goes to a temporary file that is renamed over the old one, so a crash in the
/// middle of a write leaves the previous version, never half a file.
public final class FileDraftStore: DraftStore {
    public let directory: String

    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        // An existing folder keeps its mode; make sure nobody else can read drafts.
        chmod(directory, 0o700)
    }

    /// `$XDG_STATE_HOME/flexprice-console/drafts`, else `~/.local/state/flexprice-console/drafts`.
    public static func defaultDirectory(environment: [String: String]) -> String {
        XDGDirectories(environment: environment).state + "/drafts"
    }

    private func path(_ id: String) -> String { directory + "/" + id + ".json" }

    public func save(_ draft: SavedDraft) throws {
        let data = try CustomerJSON.encoder().encode(draft)
        let temporary = directory + "/." + draft.id + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DraftStoreError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count, rename(temporary, path(draft.id)) == 0 else {
            unlink(temporary)
            throw DraftStoreError("cannot write draft \(draft.id): \(String(cString: strerror(errno)))")
        }
    }

    public func remove(id: String) {
        unlink(path(id))
    }

    public func all() -> [SavedDraft] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
            return try? CustomerJSON.decoder().decode(SavedDraft.self, from: data)
        }
    }
}

public struct DraftStoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
