import Crypto
import Foundation

/// The API keys the server accepts, each bound to one environment, held only as SHA-256
/// digests: the raw keys are hashed as they are read and never kept.
///
/// `FLEXPRICE_API_KEYS` lists `ENVIRONMENT=KEY` entries separated by commas, e.g.
/// `env_prod=sk_live_7f3a...,env_test=sk_test_91c2...`. A KEY written as `sha256:<64 hex>` is
/// taken as the digest of the key (so the raw key need not be in the environment either). The
/// config file's `server.api_keys` holds `{"environment_id", "sha256"}` objects, digests only.
public struct APIKeyring: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let environmentID: String
        /// SHA-256 of the key's UTF-8 bytes.
        public let digest: [UInt8]

        public init(environmentID: String, digest: [UInt8]) {
            self.environmentID = environmentID
            self.digest = digest
        }
    }

    public private(set) var entries: [Entry]

    /// Shortest raw key accepted: short keys can be guessed.
    public static let minimumKeyLength = 16

    public init(entries: [Entry] = []) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    /// The environments that have keys, in first-seen order.
    public var environments: [String] {
        var seen: Set<String> = []
        return entries.map(\.environmentID).filter { seen.insert($0).inserted }
    }

    /// Adds a raw key (hashed here).
    public mutating func add(environmentID: String, key: String) throws(KeyringError) {
        guard key.count >= Self.minimumKeyLength else {
            throw KeyringError("the key for \(environmentID) is shorter than \(Self.minimumKeyLength) characters")
        }
        try add(Entry(environmentID: environmentID, digest: Self.digest(of: key)))
    }

    /// Adds a key known by its digest (64 hex digits).
    public mutating func add(environmentID: String, sha256 hex: String) throws(KeyringError) {
        guard let digest = Self.bytes(hex: hex), digest.count == 32 else {
            throw KeyringError("the sha256 for \(environmentID) is not 64 hexadecimal digits")
        }
        try add(Entry(environmentID: environmentID, digest: digest))
    }

    private mutating func add(_ entry: Entry) throws(KeyringError) {
        try Self.checkEnvironment(entry.environmentID)
        if let other = entries.first(where: { $0.digest == entry.digest }) {
            if other.environmentID == entry.environmentID { return }
            throw KeyringError("one key is given for two environments (\(other.environmentID) and "
                               + "\(entry.environmentID)); a key must name one environment")
        }
        entries.append(entry)
    }

    /// Reads `FLEXPRICE_API_KEYS` (see the type's documentation). Empty entries are skipped.
    public mutating func add(list: String) throws(KeyringError) {
        for raw in list.split(separator: ",") {
            let item = raw.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            guard let equals = item.firstIndex(of: "=") else {
                throw KeyringError("FLEXPRICE_API_KEYS entries are ENVIRONMENT=KEY; one entry has no '='")
            }
            let environment = item[..<equals].trimmingCharacters(in: .whitespaces)
            let key = item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("sha256:") {
                try add(environmentID: environment, sha256: String(key.dropFirst("sha256:".count)))
            } else {
                try add(environmentID: environment, key: key)
            }
        }
    }

    /// The environment of a presented key, or nil. Every entry is compared, each in constant
    /// time, so the time taken does not depend on which entry (if any) matches or where the
    /// digests first differ.
    public func environment(forKey key: String) -> String? {
        let presented = Self.digest(of: key)
        var match: String?
        for entry in entries {
            var difference: UInt8 = 0
            for (a, b) in zip(entry.digest, presented) { difference |= a ^ b }
            if difference == 0 { match = entry.environmentID }
        }
        return match
    }

    public static func digest(of key: String) -> [UInt8] { Array(SHA256.hash(data: Data(key.utf8))) }

    /// The digest as the config file writes it: 64 lower-case hex digits.
    public static func hexDigest(of key: String) -> String {
        digest(of: key).map { String(format: "%02x", $0) }.joined()
    }

    static func checkEnvironment(_ id: String) throws(KeyringError) {
        let allowed = id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }
        guard !id.isEmpty, id.count <= 50, allowed else {
            throw KeyringError("\"\(id)\" is not an environment id (letters, digits, _ - . and at most 50 characters)")
        }
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A key list or config entry that cannot be used; says which, never the key itself.
public struct KeyringError: Error, Sendable, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
