/// A rectangle of the canvas a screen draws its body into.
public struct Area: Sendable, Hashable {
    public var row: Int
    public var col: Int
    public var width: Int
    public var height: Int

    public init(row: Int, col: Int, width: Int, height: Int) {
        self.row = row
        self.col = col
        self.width = width
        self.height = height
    }

    public var bottom: Int { row + height }
}
