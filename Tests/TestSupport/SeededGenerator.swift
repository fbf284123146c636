/// A deterministic PRNG (SplitMix64) for reproducible property tests. Not for secrets.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-bit word biased towards carry edge cases: one in four is all-ones or zero, one in
    /// four has a high Hamming weight, the rest are uniform.
    public mutating func edgyWord() -> UInt64 {
        switch next() % 8 {
        case 0: return .max
        case 1: return 0
        case 2, 3: return next() | next() | next()
        default: return next()
        }
    }

    /// Four edge-biased words (see `edgyWord`), little-endian limbs of a 256-bit value.
    public mutating func edgyWords() -> [UInt64] {
        var w: [UInt64] = []
        for _ in 0..<4 { w.append(edgyWord()) }
        return w
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
