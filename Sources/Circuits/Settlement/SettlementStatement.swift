/// The public statement of one account's settlement: "under `signerKeyHash`, `user` moved from
/// (`initBalance`, `initNonce`) to (`finalBalance`, `finalNonce`) by signed traces owed to
/// `provider` in `domain`". Its `publicSignals` are the settlement circuit's public inputs, in
/// the order the verifier (and the Solidity contract) lists them.
///
/// Addresses are field elements holding the 160-bit integer of the address (the EVM's
/// `uint160(address)`); `SettlementWitnessInput.validate` rejects values of 2^160 or more.
public struct SettlementStatement: Equatable, Hashable, Sendable {
    /// Poseidon(chainId, settlementContract) (see `domain(chainId:settlementContract:)`).
    public var domain: Fr
    /// The payee's address.
    public var provider: Fr
    /// The payer's address.
    public var user: Fr
    /// Poseidon(Ax, Ay) of the user's EdDSA key, as registered on chain.
    public var signerKeyHash: Fr
    /// The account's nonce before the transition (the last settled trace's nonce).
    public var initNonce: UInt64
    /// The nonce of the transition's last trace.
    public var finalNonce: UInt64
    /// The balance before the transition.
    public var initBalance: UInt128
    /// `initBalance` minus every fee of the transition.
    public var finalBalance: UInt128

    public init(domain: Fr, provider: Fr, user: Fr, signerKeyHash: Fr, initNonce: UInt64, finalNonce: UInt64,
                initBalance: UInt128, finalBalance: UInt128) {
        self.domain = domain
        self.provider = provider
        self.user = user
        self.signerKeyHash = signerKeyHash
        self.initNonce = initNonce
        self.finalNonce = finalNonce
        self.initBalance = initBalance
        self.finalBalance = finalBalance
    }

    /// The names of the public inputs, in circuit order.
    public static let publicInputNames = ["domain", "provider", "user", "signerKeyHash", "initNonce", "finalNonce",
                                          "initBalance", "finalBalance"]

    /// The public inputs in circuit order: domain, provider, user, signerKeyHash, initNonce,
    /// finalNonce, initBalance, finalBalance (what `public.json` and `verifyProof` list).
    public var publicSignals: [Fr] {
        [domain, provider, user, signerKeyHash, Fr(initNonce), Fr(finalNonce), Fr(integer: initBalance),
         Fr(integer: finalBalance)]
    }

    // MARK: native twins of the signed values

    /// The replay domain Poseidon(chainId, settlementContract), with the contract's address as
    /// a field element (its 160-bit integer). A trace signed in one domain is worthless in any
    /// other chain or deployment.
    public static func domain(chainId: UInt64, settlementContract: Fr) -> Fr {
        try! Poseidon.hash([Fr(chainId), settlementContract])
    }

    /// The text of the protocol tag: what a signer's key commits to besides the trace fields.
    public static let traceMessageTagText = "zkSettlement/trace/v1"

    /// The protocol tag, the first input of every trace message: the integer of the ASCII bytes
    /// of `traceMessageTagText`, big-endian (21 bytes, so below r). A fixed, versioned constant
    /// that no application signing arbitrary field elements produces by accident, so a key
    /// shared with such an application cannot be tricked into signing a trace; a future format
    /// gets a new version and cannot be confused with this one.
    public static let traceMessageTag = Fr(reducingBigEndian: Array(traceMessageTagText.utf8))

    /// The message a user signs for one trace (EdDSA-Poseidon, circomlibjs `signPoseidon`):
    /// Poseidon(tag, domain, user, provider, nonce, fee, requestHash) with `tag` the protocol
    /// tag `traceMessageTag`, addresses as field elements. The settlement circuit recomputes it
    /// for every enabled trace.
    public static func message(domain: Fr, user: Fr, provider: Fr, nonce: UInt64, fee: UInt128, requestHash: Fr) -> Fr {
        try! Poseidon.hash([traceMessageTag, domain, user, provider, Fr(nonce), Fr(integer: fee), requestHash])
    }

    /// Poseidon(Ax, Ay): the signer key hash a user registers on chain for key A.
    public static func signerKeyHash(of key: BabyJubJub.Point) -> Fr {
        try! Poseidon.hash([key.x, key.y])
    }
}

extension Fr {
    /// The integer `value` (below 2^128, so below r).
    init(integer value: UInt128) {
        self.init(reducingLimbs: (UInt64(truncatingIfNeeded: value), UInt64(truncatingIfNeeded: value >> 64), 0, 0))
    }
}
