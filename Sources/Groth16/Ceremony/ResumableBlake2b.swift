// BLAKE2b-512 whose state can be saved and resumed in the 216-byte layout snarkjs stores in a
// .ptau contribution ("partialHash"): the 128-byte block buffer, the eight 64-bit chain words
// (little-endian), the number of bytes already compressed (u64), the number of bytes waiting in
// the buffer (u64), then 8 zero bytes. Like snarkjs's hasher it compresses a full buffer only
// when more input arrives, so the last block stays in the buffer until finalisation.
//
// libsodium's BLAKE2b (`Blake2b512`) hashes everything else; it cannot export or import its
// state, which a contribution's response hash needs. Tests check the two agree.

/// A BLAKE2b-512 hasher with a snarkjs-compatible saved state.
struct ResumableBlake2b {
    static let partialStateSize = 216
    private static let iv: [UInt64] = [
        0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
        0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
    ]
    private static let sigma: [[Int]] = [
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

    private var h: [UInt64]
    private var buffer: [UInt8]
    /// Bytes in `buffer` (0...128).
    private var pending: Int
    /// Bytes compressed so far.
    private var compressed: UInt64

    init() {
        h = Self.iv
        h[0] ^= 0x0101_0000 ^ 64  // digest length 64, no key, fanout 1, depth 1
        buffer = [UInt8](repeating: 0, count: 128)
        pending = 0
        compressed = 0
    }

    /// Resumes from a saved 216-byte state; nil when the state is inconsistent (buffer count
    /// above 128, or a compressed length that is not a whole number of blocks).
    init?(partialState s: [UInt8]) {
        guard s.count == Self.partialStateSize else { return nil }
        func word(_ offset: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(s[offset + $1]) << (8 * UInt64($1)) }
        }
        let pending = word(200)
        let compressed = word(192)
        guard pending <= 128, compressed % 128 == 0 else { return nil }
        h = (0..<8).map { word(128 + 8 * $0) }
        buffer = Array(s[0..<128])
        self.pending = Int(pending)
        self.compressed = compressed
    }

    /// The saved state in snarkjs's layout.
    var partialState: [UInt8] {
        var s = buffer
        func append(_ v: UInt64) { for i in 0..<8 { s.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
        for w in h { append(w) }
        append(compressed)
        append(UInt64(pending))
        append(0)
        return s
    }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    mutating func update(_ data: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < data.count {
            if pending == 128 {
                compressed += 128
                compress(last: false)
                pending = 0
            }
            let take = min(128 - pending, data.count - offset)
            buffer.withUnsafeMutableBytes { b in
                b.baseAddress!.advanced(by: pending).copyMemory(from: data.baseAddress! + offset, byteCount: take)
            }
            pending += take
            offset += take
        }
    }

    /// The 64-byte digest.
    mutating func finalize() -> [UInt8] {
        for i in pending..<128 { buffer[i] = 0 }
        compressed += UInt64(pending)
        compress(last: true)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for w in h { for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: w >> (8 * UInt64(i)))) } }
        return out
    }

    /// Compresses `buffer` with the counter `compressed` (which includes this block).
    private mutating func compress(last: Bool) {
        var m = [UInt64](repeating: 0, count: 16)
        buffer.withUnsafeBytes { b in
            for i in 0..<16 { m[i] = UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
        }
        var v = h + Self.iv
        v[12] ^= compressed
        if last { v[14] = ~v[14] }
        for round in 0..<12 {
            let s = Self.sigma[round % 10]
            Self.mix(&v, 0, 4, 8, 12, m[s[0]], m[s[1]])
            Self.mix(&v, 1, 5, 9, 13, m[s[2]], m[s[3]])
            Self.mix(&v, 2, 6, 10, 14, m[s[4]], m[s[5]])
            Self.mix(&v, 3, 7, 11, 15, m[s[6]], m[s[7]])
            Self.mix(&v, 0, 5, 10, 15, m[s[8]], m[s[9]])
            Self.mix(&v, 1, 6, 11, 12, m[s[10]], m[s[11]])
            Self.mix(&v, 2, 7, 8, 13, m[s[12]], m[s[13]])
            Self.mix(&v, 3, 4, 9, 14, m[s[14]], m[s[15]])
        }
        for i in 0..<8 { h[i] ^= v[i] ^ v[i + 8] }
    }

    @inline(__always)
    private static func mix(_ v: inout [UInt64], _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
        v[a] = v[a] &+ v[b] &+ x
        v[d] = (v[d] ^ v[a]).rotatedRight(32)
        v[c] = v[c] &+ v[d]
        v[b] = (v[b] ^ v[c]).rotatedRight(24)
        v[a] = v[a] &+ v[b] &+ y
        v[d] = (v[d] ^ v[a]).rotatedRight(16)
        v[c] = v[c] &+ v[d]
        v[b] = (v[b] ^ v[c]).rotatedRight(63)
    }
}

extension UInt64 {
    @inline(__always)
    fileprivate func rotatedRight(_ n: UInt64) -> UInt64 { (self >> n) | (self << (64 - n)) }
}
