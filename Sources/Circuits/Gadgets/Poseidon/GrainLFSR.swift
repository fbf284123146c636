/// The 80-bit Grain LFSR in self-shrinking mode that the Poseidon paper uses to derive round
/// constants and MDS matrices ("generate_parameters_grain.sage"), so the parameters carry no
/// hidden structure.
///
/// The state is seeded with the instance description: field type (2 bits), S-box type
/// (4 bits), field size n (12 bits), width t (12 bits), full rounds (10 bits), partial rounds
/// (10 bits), then thirty 1 bits. It is clocked 160 times and discarded; afterwards bits come
/// in pairs and the second bit of a pair is output only when the first is 1.
struct GrainLFSR {
    /// Bit i of the sequence window is bit i of `state` (bit 0 is the oldest).
    private var state: UInt128 = 0

    /// - Parameters: `field` 1 for GF(p); `sbox` 0 for x^α; `fieldBits` n; `width` t.
    init(field: Int, sbox: Int, fieldBits: Int, width: Int, fullRounds: Int, partialRounds: Int) {
        var position = 0
        func push(_ value: Int, bits: Int) {
            for k in stride(from: bits - 1, through: 0, by: -1) where (value >> k) & 1 == 1 {
                state |= UInt128(1) << UInt128(position + (bits - 1 - k))
            }
            position += bits
        }
        push(field, bits: 2)
        push(sbox, bits: 4)
        push(fieldBits, bits: 12)
        push(width, bits: 12)
        push(fullRounds, bits: 10)
        push(partialRounds, bits: 10)
        push((1 << 30) - 1, bits: 30)
        for _ in 0..<160 { _ = clock() }
    }

    /// Shifts in s[62] ⊕ s[51] ⊕ s[38] ⊕ s[23] ⊕ s[13] ⊕ s[0] and returns it.
    private mutating func clock() -> Bool {
        let s = state
        let new = (s >> 62 ^ s >> 51 ^ s >> 38 ^ s >> 23 ^ s >> 13 ^ s) & 1
        state = (s >> 1) | (new << 79)
        return new == 1
    }

    /// The next output bit of the self-shrinking generator.
    mutating func nextBit() -> Bool {
        while true {
            let keep = clock()
            let bit = clock()
            if keep { return bit }
        }
    }

    /// The next `count` output bits as an integer, most significant bit first
    /// ("grain_random_bits"), as little-endian 64-bit words.
    mutating func nextWords(bits count: Int) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        for i in stride(from: count - 1, through: 0, by: -1) where nextBit() {
            words[i / 64] |= 1 << UInt64(i % 64)
        }
        return words
    }

    /// A field element by rejection sampling: draws n-bit integers until one is below r (how
    /// the script makes round constants).
    mutating func nextFieldElementRejecting() -> Fr {
        while true {
            let w = nextWords(bits: 254)
            if let x = try? Fr(canonicalLimbs: (w[0], w[1], w[2], w[3])) { return x }
        }
    }

    /// An n-bit integer reduced modulo r (how the script samples the MDS x and y values).
    mutating func nextFieldElementReducing() -> Fr {
        let w = nextWords(bits: 254)
        return Fr(reducingLimbs: (w[0], w[1], w[2], w[3]))
    }
}
