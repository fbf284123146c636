/// BLAKE-512, the SHA-3 finalist (Aumasson, Henzen, Meier, Phan), not BLAKE2b. circomlibjs
/// derives EdDSA keys and nonces with it.
///
/// 128-byte blocks of sixteen big-endian 64-bit words, 16 rounds of the G function over a
/// 4×4 state, no salt. Padding: a 1 bit, zeros, a 1 bit at the end of the zeros, then the
/// message length in bits as a 128-bit big-endian number. The counter of a block is the
/// number of message bits up to its end, and 0 for a final block holding no message bits.
public struct Blake512 {
    static let initialValue: [UInt64] = [
        0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1,
        0x510E_527F_ADE6_82D1, 0x9B05_688C_2B3E_6C1F, 0x1F83_D9AB_FB41_BD6B, 0x5BE0_CD19_137E_2179,
    ]

    /// The first 1024 bits of the fractional part of π.
    static let constants: [UInt64] = [
        0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89,
        0x4528_21E6_38D0_1377, 0xBE54_66CF_34E9_0C6C, 0xC0AC_29B7_C97C_50DD, 0x3F84_D5B5_B547_0917,
        0x9216_D5D9_8979_FB1B, 0xD131_0BA6_98DF_B5AC, 0x2FFD_72DB_D01A_DFB7, 0xB8E1_AFED_6A26_7E96,
        0xBA7C_9045_F12C_7F99, 0x24A1_9947_B391_6CF7, 0x0801_F2E2_858E_FC16, 0x6369_20D8_7157_4E69,
    ]

    /// The message word permutations σ₀ ... σ₉ (round r uses σ_{r mod 10}).
    static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    /// The state words that each G of a round mixes: four columns, then four diagonals.
    static let lanes: [(Int, Int, Int, Int)] = [
        (0, 4, 8, 12), (1, 5, 9, 13), (2, 6, 10, 14), (3, 7, 11, 15),
        (0, 5, 10, 15), (1, 6, 11, 12), (2, 7, 8, 13), (3, 4, 9, 14),
    ]

    /// The 64-byte BLAKE-512 digest of `message`. The caller should `secureZero` a digest that
    /// holds secrets; the working state is wiped here.
    public static func hash(_ message: [UInt8]) -> [UInt8] {
        var h = initialValue
        let bitLength = UInt64(message.count) * 8
        // Padded message: 0x80 after the data, zeros, the final 1 bit, 16 length bytes.
        var padded = message
        padded.append(0x80)
        while padded.count % 128 != 112 { padded.append(0) }
        padded[padded.count - 1] |= 0x01
        padded += [UInt8](repeating: 0, count: 8)  // high 64 bits of the 128-bit length
        for k in stride(from: 56, through: 0, by: -8) { padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(k))) }
        defer { secureZero(&padded) }
        let blocks = padded.count / 128
        var m = [UInt64](repeating: 0, count: 16)
        var v = [UInt64](repeating: 0, count: 16)
        defer {
            for i in 0..<16 { m[i] = 0; v[i] = 0 }
        }
        for block in 0..<blocks {
            for i in 0..<16 {
                var w: UInt64 = 0
                for k in 0..<8 { w = (w << 8) | UInt64(padded[block * 128 + 8 * i + k]) }
                m[i] = w
            }
            // Message bits up to the end of this block, or 0 when it holds none.
            let end = UInt64(block + 1) * 1024
            let start = UInt64(block) * 1024
            let counter: UInt64 = bitLength > start ? min(end, bitLength) : 0
            compress(&h, m, counter: counter, &v)
        }
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for word in h { for k in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(k))) } }
        for i in 0..<8 { h[i] = 0 }
        return out
    }

    private static func compress(_ h: inout [UInt64], _ m: [UInt64], counter: UInt64, _ v: inout [UInt64]) {
        for i in 0..<8 { v[i] = h[i] }
        for i in 0..<4 { v[8 + i] = constants[i] }
        v[12] = counter ^ constants[4]
        v[13] = counter ^ constants[5]
        v[14] = constants[6]  // the counter's high 64 bits are zero
        v[15] = constants[7]
        for round in 0..<16 {
            let s = sigma[round % 10]
            for (i, (a, b, c, d)) in lanes.enumerated() {
                let x = s[2 * i], y = s[2 * i + 1]
                v[a] = v[a] &+ v[b] &+ (m[x] ^ constants[y])
                v[d] = rotateRight(v[d] ^ v[a], 32)
                v[c] = v[c] &+ v[d]
                v[b] = rotateRight(v[b] ^ v[c], 25)
                v[a] = v[a] &+ v[b] &+ (m[y] ^ constants[x])
                v[d] = rotateRight(v[d] ^ v[a], 16)
                v[c] = v[c] &+ v[d]
                v[b] = rotateRight(v[b] ^ v[c], 11)
            }
        }
        for i in 0..<8 { h[i] ^= v[i] ^ v[i + 8] }
    }

    @inline(__always)
    private static func rotateRight(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }
}
