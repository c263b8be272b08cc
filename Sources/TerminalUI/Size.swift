/// A terminal or canvas size in character cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var cols: Int
    public var rows: Int

    public init(cols: Int, rows: Int) {
        self.cols = max(0, cols)
        self.rows = max(0, rows)
    }

    public var description: String { "\(cols)x\(rows)" }
}
