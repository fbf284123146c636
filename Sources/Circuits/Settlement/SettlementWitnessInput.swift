/// Everything the prover knows about one account's transition: the public statement, the
/// user's EdDSA key and the signed traces in nonce order (1 ... L of them; the circuit's
/// remaining slots are disabled). Plain values only, so the Traces module converts its own
/// trace records into this.
public struct SettlementWitnessInput: Equatable, Hashable, Sendable {
    /// One signed trace of the transition.
    public struct Trace: Equatable, Hashable, Sendable {
        /// Strictly above the previous trace's nonce (or `initNonce` for the first).
        public var nonce: UInt64
        /// The amount owed; the running balance must cover it.
        public var fee: UInt128
        /// The hash of the request content (any field element).
        public var requestHash: Fr
        /// EdDSA-Poseidon over `SettlementStatement.message(...)` under the signer key.
        public var signature: EdDSAPoseidon.Signature

        public init(nonce: UInt64, fee: UInt128, requestHash: Fr, signature: EdDSAPoseidon.Signature) {
            self.nonce = nonce
            self.fee = fee
            self.requestHash = requestHash
            self.signature = signature
        }
    }

    /// The public inputs.
    public var statement: SettlementStatement
    /// The user's public key A; the circuit checks Poseidon(Ax, Ay) = `statement.signerKeyHash`.
    public var signerKey: BabyJubJub.Point
    /// The traces, in the order they are applied.
    public var traces: [Trace]

    public init(statement: SettlementStatement, signerKey: BabyJubJub.Point, traces: [Trace]) {
        self.statement = statement
        self.signerKey = signerKey
        self.traces = traces
    }
}
