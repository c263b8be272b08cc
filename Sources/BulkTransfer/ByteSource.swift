import Foundation

/// Reads a file (or standard input) in large chunks through a file descriptor: the readers
/// never hold more than one chunk of the file, whatever its size.
final class ByteSource {
    static let chunkSize = 1 << 18

    private let fd: Int32
    private let ownsDescriptor: Bool
    private(set) var buffer: [UInt8] = []
    /// The next unread byte in `buffer`.
    var position = 0
    private(set) var atEnd = false
    /// A fingerprint of every byte read so far: names an import job by its file's content.
    private(set) var digest = ContentDigest()

    init(fd: Int32, ownsDescriptor: Bool) {
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
    }

    convenience init(path: String) throws(BulkFileError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BulkFileError(line: nil, "cannot open \(path): \(String(cString: strerror(errno)))") }
        self.init(fd: fd, ownsDescriptor: true)
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Refills the buffer when it is used up; false at the end of the file.
    func fill() throws(BulkFileError) -> Bool {
        if position < buffer.count { return true }
        if atEnd { return false }
        if buffer.count != Self.chunkSize { buffer = [UInt8](repeating: 0, count: Self.chunkSize) }
        var count = 0
        repeat {
            count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, Self.chunkSize) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw BulkFileError(line: nil, "cannot read the file: \(String(cString: strerror(errno)))") }
        if count == 0 {
            atEnd = true
            buffer = []
            position = 0
            return false
        }
        if count < Self.chunkSize { buffer.removeSubrange(count...) }
        digest.add(buffer)
        position = 0
        return true
    }
}

/// Two 64-bit FNV-1a hashes with different starting points and the length: tells one file's
/// content from another's for naming an import's progress journal (not a security check).
struct ContentDigest: Sendable, Equatable {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x8422_2325_cbf2_9ce4
    private var length = 0

    mutating func add(_ bytes: [UInt8]) {
        var a = first, b = second
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        first = a
        second = b
        length += bytes.count
    }

    var hex: String {
        String(first, radix: 16) + "-" + String(second, radix: 16) + "-" + String(length, radix: 16)
    }
}
