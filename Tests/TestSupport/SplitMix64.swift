/// A small, fast, seedable PRNG (SplitMix64), shared by every fuzz and property test, so that
/// each run can be replayed from the seed printed with its failure. Its own `below`/`chance`
/// keep the sequence independent of the standard library's sampling algorithms.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n (n > 0); the slight modulo bias does not matter here.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

    public mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A scalar from a range, skipping the surrogate gap.
    public mutating func scalar(in range: ClosedRange<UInt32>) -> Unicode.Scalar {
        while true {
            let value = range.lowerBound + UInt32(below(Int(range.upperBound - range.lowerBound) + 1))
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }
}
