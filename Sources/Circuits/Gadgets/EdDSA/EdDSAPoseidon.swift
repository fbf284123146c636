/// EdDSA over Baby Jubjub with the Poseidon hash, compatible with circomlibjs
/// `signPoseidon`/`verifyPoseidon` and circomlib's `EdDSAPoseidonVerifier`.
///
/// Keys: h = BLAKE-512(private key); h[0] &= 0xF8, h[31] &= 0x7F, h[31] |= 0x40;
/// s = h[0..<32] as a little-endian integer; A = Base8·(s >> 3).
/// Signing a field element m: r = BLAKE-512(h[32..<64] ‖ m as 32 little-endian bytes) as a
/// little-endian integer mod l; R8 = Base8·r; hm = Poseidon(R8x, R8y, Ax, Ay, m);
/// S = (r + hm·s) mod l. Verifying: S·Base8 = R8 + (8·hm)·A.
///
/// The scalar multiplications by secrets run a fixed number of steps without secret-dependent
/// branches; the scalar arithmetic mod l uses GMP, which is not constant time.
public enum EdDSAPoseidon {
    /// A signature (R8, S). Coordinates and S are any field elements, so that a malformed
    /// signature from outside can be represented and rejected by `verify`.
    public struct Signature: Equatable, Hashable, Sendable {
        public var r8: BabyJubJub.Point
        public var s: Fr

        public init(r8: BabyJubJub.Point, s: Fr) {
            self.r8 = r8
            self.s = s
        }
    }

    /// Malformed keys.
    public enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case privateKeyLength(Int)
        case privateKeyNotHex

        public var description: String {
            switch self {
            case .privateKeyLength(let n): return "a private key has 32 bytes (64 hex digits), got \(n)"
            case .privateKeyNotHex: return "the private key is not hexadecimal"
            }
        }
    }

    /// The pruned secret scalar s (four little-endian words) and the nonce key h[32..<64];
    /// the caller wipes both.
    static func expand(_ key: EdDSAPrivateKey) -> (scalar: [UInt64], nonceKey: [UInt8]) {
        var h = key.withBytes { Blake512.hash($0) }
        defer { secureZero(&h) }
        h[0] &= 0xF8
        h[31] &= 0x7F
        h[31] |= 0x40
        var scalar = [UInt64](repeating: 0, count: 4)
        for i in 0..<32 { scalar[i / 8] |= UInt64(h[i]) << UInt64(8 * (i % 8)) }
        return (scalar, Array(h[32..<64]))
    }

    /// The public key A = Base8·(s >> 3).
    public static func publicKey(of key: EdDSAPrivateKey) -> BabyJubJub.Point { key.publicKey }

    /// A computed from the private key (`EdDSAPrivateKey.publicKey` keeps it).
    static func derivePublicKey(of key: EdDSAPrivateKey) -> BabyJubJub.Point {
        var (scalar, nonceKey) = expand(key)
        defer {
            secureZero(&nonceKey)
            for i in 0..<4 { scalar[i] = 0 }
        }
        let shifted = (0..<4).map { i in (scalar[i] >> 3) | (i < 3 ? scalar[i + 1] << 61 : 0) }
        return BabyJubJub.base8.multiplied(bySecret: shifted)
    }

    /// circomlibjs `signPoseidon(privateKey, message)`.
    public static func sign(_ message: Fr, with key: EdDSAPrivateKey) -> Signature {
        var (scalar, nonceKey) = expand(key)
        var nonceInput = nonceKey + message.littleEndianBytes
        defer {
            secureZero(&nonceKey)
            secureZero(&nonceInput)
            for i in 0..<4 { scalar[i] = 0 }
        }
        let a = publicKey(of: key)
        var digest = Blake512.hash(nonceInput)
        defer { secureZero(&digest) }
        let r = BigInteger(bigEndian: digest.reversed()).mod(BabyJubJub.subgroupOrder)
        let rWords = r.words(count: 4)!
        let r8 = BabyJubJub.base8.multiplied(bySecret: rWords)
        let hm = try! Poseidon.hash([r8.x, r8.y, a.x, a.y, message])
        let s = (r + hm.bigInteger * BigInteger(words: scalar)).mod(BabyJubJub.subgroupOrder)
        return Signature(r8: r8, s: Fr(reducing: s))
    }

    /// circomlibjs `verifyPoseidon(message, signature, A)`, with one more check: A must not be
    /// of small order (for such A the equation ignores the key and anyone could sign).
    /// Rejects R8 or A off the curve and S ≥ l. Prepares the key each time: to check several
    /// signatures of one key, prepare a `PreparedKey` once.
    public static func verify(_ message: Fr, signature: Signature, publicKey a: BabyJubJub.Point) -> Bool {
        guard let key = PreparedKey(a) else { return false }
        return verify(message, signature: signature, key: key)
    }
}
