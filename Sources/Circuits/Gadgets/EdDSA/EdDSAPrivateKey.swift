import Groth16
import Synchronization

/// A 32-byte EdDSA private key (circomlibjs format). The bytes live in one buffer that is
/// overwritten with zeros (libsodium `sodium_memzero`) when the key is released; the key is
/// never printed by `description`.
public final class EdDSAPrivateKey: CustomStringConvertible, @unchecked Sendable {
    // Immutable after init, so sharing across threads is safe.
    private var bytes: [UInt8]
    /// The public key, derived on first use: signing needs it for every message, and deriving
    /// it is a scalar multiplication, as costly as the rest of a signature.
    private let derivedPublicKey = Mutex<BabyJubJub.Point?>(nil)

    /// Takes a copy of exactly 32 bytes; the caller wipes its own copy.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == 32 else { throw EdDSAPoseidon.Error.privateKeyLength(bytes.count) }
        self.bytes = bytes
    }

    /// Parses 64 hex digits (optional 0x prefix).
    public convenience init(hex: String) throws {
        var digits = Substring(hex)
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
        guard digits.utf8.count == 64 else { throw EdDSAPoseidon.Error.privateKeyLength(digits.utf8.count / 2) }
        var parsed = [UInt8](repeating: 0, count: 32)
        defer { secureZero(&parsed) }
        // Digit by digit: `UInt8(_:radix:)` would also take a sign ("+f").
        for (k, c) in digits.utf8.enumerated() {
            guard let nibble = HexDigits.value(c) else { throw EdDSAPoseidon.Error.privateKeyNotHex }
            parsed[k / 2] = parsed[k / 2] << 4 | nibble
        }
        try self.init(bytes: parsed)
    }

    /// A new key from libsodium's CSPRNG.
    public static func generate() -> EdDSAPrivateKey {
        var fresh = secureRandomBytes(32)
        defer { secureZero(&fresh) }
        return try! EdDSAPrivateKey(bytes: fresh)
    }

    deinit { secureZero(&bytes) }

    /// The public key A = Base8·(s >> 3) (not secret).
    var publicKey: BabyJubJub.Point {
        if let a = derivedPublicKey.withLock({ $0 }) { return a }
        let a = EdDSAPoseidon.derivePublicKey(of: self)
        derivedPublicKey.withLock { $0 = a }
        return a
    }

    /// Runs `body` on the key bytes; `body` must not keep them.
    public func withBytes<R>(_ body: ([UInt8]) throws -> R) rethrows -> R { try body(bytes) }

    /// The key as 64 lower-case hex digits, for a caller that must show it (`eddsa keygen`).
    public func hexEncodedSecret() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        defer { secureZero(&out) }
        return String(decoding: out, as: UTF8.self)
    }

    public var description: String { "EdDSAPrivateKey(<redacted>)" }
}
