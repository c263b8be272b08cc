import Foundation

/// Draft ids: unique per form, usable as file names.
public enum DraftID {
    public static func make() -> String { UUID().uuidString.lowercased() }
}
