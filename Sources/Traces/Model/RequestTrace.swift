import Groth16
/// An EdDSA-Poseidon signature on BabyJubJub: the point R8 and the scalar S (circomlibjs form).
public struct TraceSignature: Hashable, Sendable {
    public var r8x: Fr
    public var r8y: Fr
    public var s: Fr

    public init(r8x: Fr, r8y: Fr, s: Fr) {
        self.r8x = r8x
        self.r8y = r8y
        self.s = s
    }
}

/// A user's signed statement "I, `user`, owe `provider` `fee` for request #`nonce`", bound to
/// the request content by `requestHash` and to the chain and contract by the domain inside
/// the signed message (see `SettlementDomain.message(for:)`).
public struct RequestTrace: Hashable, Sendable {
    /// The payer.
    public var user: Address
    /// The payee; must equal the agent's provider.
    public var provider: Address
    /// Strictly increasing per (user, provider).
    public var nonce: UInt64
    /// The amount owed for this request.
    public var fee: UInt128
    /// Hash of the request content (a field element).
    public var requestHash: Fr
    /// The user's signature over the message.
    public var signature: TraceSignature

    public init(user: Address, provider: Address, nonce: UInt64, fee: UInt128, requestHash: Fr,
                signature: TraceSignature) {
        self.user = user
        self.provider = provider
        self.nonce = nonce
        self.fee = fee
        self.requestHash = requestHash
        self.signature = signature
    }
}
