@testable import BulkTransfer
import Foundation
import Testing

/// What a signal handler during an export can do: remove the partial file being written, and
/// nothing once the file is complete under its name.
@Suite struct PartialFileTests {
    static func path() -> String { NSTemporaryDirectory() + "partial-\(UUID().uuidString).csv" }

    @Test func aSignalDuringTheWriteTakesThePartialFileAway() async throws {
        let path = Self.path()
        let partial = path + ".partial-\(getpid())"
        await #expect(throws: BulkFileError.self) {
            try await FileOutput.whole(path) { fd in
                try FileOutput.writeAll(Array("external_id\n".utf8), to: fd)
                #expect(FileManager.default.fileExists(atPath: partial))
                PartialFile.removeCurrent()  // what the handler does
                #expect(!FileManager.default.fileExists(atPath: partial))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path), "no half file under the name asked for")
        #expect(!FileManager.default.fileExists(atPath: partial))
    }

    @Test func aSignalAfterTheRenameLeavesTheWholeFile() async throws {
        let path = Self.path()
        defer { unlink(path) }
        try await FileOutput.whole(path) { fd in try FileOutput.writeAll(Array("external_id\n".utf8), to: fd) }
        PartialFile.removeCurrent()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "external_id\n")
    }
}
