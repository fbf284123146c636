/// Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06):
/// function selectors and the batch verifier's challenge coefficients.
public enum Keccak256 {
    private static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]
    /// Rotation offsets r[x + 5y].
    private static let rotations: [UInt64] = [
        0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14,
    ]
    private static let rate = 136

    /// The 32-byte digest of `message`.
    public static func hash<Bytes: Collection>(_ message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var state = [UInt64](repeating: 0, count: 25)
        var block = [UInt8](repeating: 0, count: rate)
        var filled = 0
        for byte in message {
            block[filled] = byte
            filled += 1
            if filled == rate {
                absorb(&state, block)
                filled = 0
            }
        }
        for i in filled..<rate { block[i] = 0 }
        block[filled] ^= 0x01
        block[rate - 1] ^= 0x80
        absorb(&state, block)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for i in 0..<4 {
            for b in 0..<8 { out.append(UInt8(truncatingIfNeeded: state[i] >> (8 * UInt64(b)))) }
        }
        return out
    }

    /// The 4-byte function selector of a canonical Solidity signature, e.g.
    /// "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[8])".
    public static func selector(_ signature: String) -> [UInt8] {
        Array(hash(Array(signature.utf8)).prefix(4))
    }

    private static func absorb(_ state: inout [UInt64], _ block: [UInt8]) {
        for i in 0..<(rate / 8) {
            var lane: UInt64 = 0
            for b in 0..<8 { lane |= UInt64(block[8 * i + b]) << (8 * UInt64(b)) }
            state[i] ^= lane
        }
        permute(&state)
    }

    private static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 {
        n == 0 ? x : (x << n) | (x >> (64 - n))
    }

    /// Keccak-f[1600]: 24 rounds of theta, rho, pi, chi, iota.
    private static func permute(_ a: inout [UInt64]) {
        var b = [UInt64](repeating: 0, count: 25)
        var c = [UInt64](repeating: 0, count: 5)
        for round in 0..<24 {
            for x in 0..<5 { c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20] }
            for x in 0..<5 {
                let d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1)
                for y in stride(from: 0, to: 25, by: 5) { a[x + y] ^= d }
            }
            for x in 0..<5 {
                for y in 0..<5 {
                    // pi: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
                    b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y], rotations[x + 5 * y])
                }
            }
            for y in stride(from: 0, to: 25, by: 5) {
                for x in 0..<5 { a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]) }
            }
            a[0] ^= roundConstants[round]
        }
    }
}
