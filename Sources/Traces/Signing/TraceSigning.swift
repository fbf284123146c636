import Circuits
import Groth16

/// The message a user signs for a trace and the EdDSA-Poseidon operations on it:
/// m = Poseidon(tag, domain, user, provider, nonce, fee, requestHash) with the protocol tag
/// `SettlementStatement.traceMessageTag` ("zkSettlement/trace/v1"), signed with circomlibjs's
/// `signPoseidon`, so users can sign with existing JavaScript tooling.
public enum TraceSigning {
    /// The signed message of a trace in a domain.
    public static func message(domain: SettlementDomain, user: Address, provider: Address, nonce: UInt64,
                               fee: UInt128, requestHash: Fr) -> Fr {
        SettlementStatement.message(domain: domain.value, user: user.fieldElement, provider: provider.fieldElement,
                                    nonce: nonce, fee: fee, requestHash: requestHash)
    }

    /// The signed message of `trace`.
    public static func message(of trace: RequestTrace, domain: SettlementDomain) -> Fr {
        message(domain: domain, user: trace.user, provider: trace.provider, nonce: trace.nonce, fee: trace.fee,
                requestHash: trace.requestHash)
    }

    /// A trace signed with the user's private key.
    public static func sign(user: Address, provider: Address, nonce: UInt64, fee: UInt128, requestHash: Fr,
                            domain: SettlementDomain, key: EdDSAPrivateKey) -> RequestTrace {
        let m = message(domain: domain, user: user, provider: provider, nonce: nonce, fee: fee, requestHash: requestHash)
        let sig = EdDSAPoseidon.sign(m, with: key)
        return RequestTrace(user: user, provider: provider, nonce: nonce, fee: fee, requestHash: requestHash,
                            signature: TraceSignature(r8x: sig.r8.x, r8y: sig.r8.y, s: sig.s))
    }

    /// Whether the trace's signature verifies under `key` in `domain` (R8 and A on the curve,
    /// A not of small order, S below the subgroup order).
    public static func verify(_ trace: RequestTrace, key: SignerKey, domain: SettlementDomain) -> Bool {
        guard let prepared = EdDSAPoseidon.PreparedKey(BabyJubJub.Point(uncheckedX: key.ax, y: key.ay)) else { return false }
        return verify(trace, key: prepared, domain: domain)
    }

    /// `verify(_:key:domain:)` with a prepared key (see `PreparedKeyCache`).
    public static func verify(_ trace: RequestTrace, key: EdDSAPoseidon.PreparedKey, domain: SettlementDomain) -> Bool {
        let signature = EdDSAPoseidon.Signature(
            r8: BabyJubJub.Point(uncheckedX: trace.signature.r8x, y: trace.signature.r8y), s: trace.signature.s)
        return EdDSAPoseidon.verify(message(of: trace, domain: domain), signature: signature, key: key)
    }

    /// The signer key of a private key and its on-chain hash Poseidon(Ax, Ay).
    public static func signerKey(of key: EdDSAPrivateKey) -> SignerKey {
        let a = EdDSAPoseidon.publicKey(of: key)
        return SignerKey(ax: a.x, ay: a.y)
    }
}

extension SignerKey {
    /// Poseidon(Ax, Ay): what the user registers on chain and the circuit binds.
    public var hash: Fr { SettlementStatement.signerKeyHash(of: BabyJubJub.Point(uncheckedX: ax, y: ay)) }

    /// Whether the key is a usable EdDSA key: on the curve and not of small order.
    public var isValid: Bool {
        let a = BabyJubJub.Point(uncheckedX: ax, y: ay)
        return a.isOnCurve && !a.hasSmallOrder
    }
}
