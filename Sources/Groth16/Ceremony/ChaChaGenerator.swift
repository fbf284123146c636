/// The deterministic generator snarkjs derives every ceremony value from (ffjavascript's
/// `ChaCha`): the ChaCha20 block function keyed by eight 32-bit seed words, with a zero
/// nonce and a 64-bit block counter, read out one 32-bit word at a time. A 64-bit draw is
/// (first word << 32) | second word; a boolean is the low bit of a word.
///
/// A generator seeded from secret entropy is itself secret: `wipe()` clears it.
struct ChaChaGenerator {
    private var state: [UInt32]
    private var block: [UInt32]
    private var index: Int

    init(seed: [UInt32], counter: [UInt32] = [0, 0, 0, 0]) {
        precondition(seed.count == 8 && counter.count == 4, "a ChaCha seed has 8 words, the counter 4")
        state = [0x6170_7865, 0x3320_646E, 0x7962_2D32, 0x6B20_6574] + seed + counter
        block = [UInt32](repeating: 0, count: 16)
        index = 16
    }

    /// A generator seeded with the first 32 bytes of `hash`, read as big-endian words (as
    /// snarkjs seeds from a BLAKE2b or SHA-256 digest).
    init(seedBytes hash: [UInt8]) {
        precondition(hash.count >= 32, "a seed needs 32 bytes")
        self.init(seed: (0..<8).map { i in
            (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(hash[4 * i + $1]) }
        })
    }

    mutating func nextU32() -> UInt32 {
        if index == 16 { refill() }
        defer { index += 1 }
        return block[index]
    }

    mutating func nextU64() -> UInt64 {
        let high = UInt64(nextU32())
        return high << 32 | UInt64(nextU32())
    }

    mutating func nextBool() -> Bool { nextU32() & 1 == 1 }

    /// Overwrites the key and the buffered output with zeros.
    mutating func wipe() {
        secureZero(elements: &state)
        secureZero(elements: &block)
        index = 16
    }

    private mutating func refill() {
        var x = state
        for _ in 0..<10 {
            Self.quarterRound(&x, 0, 4, 8, 12)
            Self.quarterRound(&x, 1, 5, 9, 13)
            Self.quarterRound(&x, 2, 6, 10, 14)
            Self.quarterRound(&x, 3, 7, 11, 15)
            Self.quarterRound(&x, 0, 5, 10, 15)
            Self.quarterRound(&x, 1, 6, 11, 12)
            Self.quarterRound(&x, 2, 7, 8, 13)
            Self.quarterRound(&x, 3, 4, 9, 14)
        }
        for i in 0..<16 { block[i] = x[i] &+ state[i] }
        secureZero(elements: &x)
        index = 0
        // The 128-bit counter in words 12...15.
        for i in 12..<16 {
            state[i] &+= 1
            if state[i] != 0 { break }
        }
    }

    @inline(__always)
    private static func quarterRound(_ s: inout [UInt32], _ a: Int, _ b: Int, _ c: Int, _ d: Int) {
        s[a] &+= s[b]; s[d] ^= s[a]; s[d] = s[d].rotatedLeft(16)
        s[c] &+= s[d]; s[b] ^= s[c]; s[b] = s[b].rotatedLeft(12)
        s[a] &+= s[b]; s[d] ^= s[a]; s[d] = s[d].rotatedLeft(8)
        s[c] &+= s[d]; s[b] ^= s[c]; s[b] = s[b].rotatedLeft(7)
    }
}

extension UInt32 {
    @inline(__always)
    fileprivate func rotatedLeft(_ n: UInt32) -> UInt32 { (self << n) | (self >> (32 - n)) }
}
