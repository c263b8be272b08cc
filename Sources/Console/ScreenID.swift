/// Identifies one screen instance, so a backend result reaches the screen that asked for it
/// (and is dropped if that screen has been closed in the meantime).
public struct ScreenID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public var description: String { "screen#\(rawValue)" }
}
