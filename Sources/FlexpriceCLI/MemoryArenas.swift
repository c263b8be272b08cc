#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator opens up to eight arenas per core as threads allocate at once, and an
/// arena keeps the pages its freed blocks leave. An import reads the file on one thread while
/// the store writes on another: with the default, arenas alone took a sixth of its peak RSS
/// (52 MB against 44 MB with two, at the same speed), and more cores would mean more arenas.
/// Two are enough for a program whose work is at most two tasks at a time.
enum MemoryArenas {
    /// `M_ARENA_MAX` of glibc's `<malloc.h>`, which Swift's Glibc module does not include.
    private static let arenaMaxParameter: Int32 = -8

    static func limit() {
        #if canImport(Glibc)
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        // Looked up rather than declared: `mallopt` is glibc's own (another C library has none).
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMaxParameter, 2)
        #endif
    }
}
