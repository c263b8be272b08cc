/// A file an import cannot read as a whole: nothing is written, and the message says where.
public struct BulkFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line in the file (1 for the first), when the problem has one.
    public let line: Int?
    public let message: String

    public init(line: Int?, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
