import CSecp256k1
import Groth16

/// The process's libsecp256k1 context, randomised once (side-channel blinding of signing).
/// libsecp256k1 allows concurrent use of a context by its const functions, which is all we call.
final class Secp256k1Context: @unchecked Sendable {
    static let shared = Secp256k1Context()
    let pointer: OpaquePointer

    private init() {
        guard let context = csecp256k1_context_create_none() else { preconditionFailure("secp256k1_context_create failed") }
        var seed = secureRandomBytes(32)
        defer { secureZero(&seed) }
        precondition(secp256k1_context_randomize(context, seed) == 1, "secp256k1_context_randomize failed")
        pointer = context
    }
}

/// An ECDSA signature over secp256k1 with its recovery id, as Ethereum transactions carry it.
public struct RecoverableSignature: Sendable, Equatable {
    /// 32 bytes, big-endian.
    public let r: [UInt8]
    /// 32 bytes, big-endian, at most n/2 (low s, EIP-2).
    public let s: [UInt8]
    /// 0 or 1: the parity of the nonce point's y (EIP-1559's signature_y_parity).
    public let yParity: UInt8
}

extension RecoverableSignature {
    /// Signs a 32-byte digest with a 32-byte secret key: libsecp256k1's RFC 6979 nonce, which
    /// always yields a low s; the recovery id becomes yParity.
    static func sign(digest: Bytes32, secretKey: UnsafeRawBufferPointer) throws(KeyError) -> RecoverableSignature {
        let context = Secp256k1Context.shared.pointer
        var signature = secp256k1_ecdsa_recoverable_signature()
        let signed = digest.bytes.withUnsafeBufferPointer { message in
            secp256k1_ecdsa_sign_recoverable(context, &signature, message.baseAddress!,
                                             secretKey.bindMemory(to: UInt8.self).baseAddress!, nil, nil)
        }
        guard signed == 1 else { throw .invalidKey(reason: "libsecp256k1 refused to sign with it") }
        var compact = [UInt8](repeating: 0, count: 64)
        var recoveryID: Int32 = 0
        _ = secp256k1_ecdsa_recoverable_signature_serialize_compact(context, &compact, &recoveryID, &signature)
        // Ids 2 and 3 (r above n, probability ~2^-128) cannot be expressed by yParity.
        guard recoveryID == 0 || recoveryID == 1 else { throw .unrepresentableSignature }
        return RecoverableSignature(r: Array(compact[0..<32]), s: Array(compact[32..<64]), yParity: UInt8(recoveryID))
    }
}

/// The uncompressed public key (64 bytes x || y) of a secret key, or nil if the key is not in
/// [1, n-1].
func secp256k1PublicKey(secretKey: UnsafeRawBufferPointer) -> [UInt8]? {
    let context = Secp256k1Context.shared.pointer
    let secret = secretKey.bindMemory(to: UInt8.self).baseAddress!
    guard secretKey.count == 32, secp256k1_ec_seckey_verify(context, secret) == 1 else { return nil }
    var publicKey = secp256k1_pubkey()
    guard secp256k1_ec_pubkey_create(context, &publicKey, secret) == 1 else { return nil }
    var serialized = [UInt8](repeating: 0, count: 65)
    var length = 65
    _ = secp256k1_ec_pubkey_serialize(context, &serialized, &length, &publicKey, csecp256k1_uncompressed_flag())
    return Array(serialized.dropFirst())
}
