import Groth16

/// The reference settlement contract, `SettlementRegistry.sol` (`soliditySource`) and its Vyper
/// twin (`vyperSource`): an escrow of users' prepayments to one provider, released by Groth16
/// proofs of the settlement circuit (doc/CALLDATA.md, "Settlement registry").
///
/// Users `deposit()`, `registerSignerKey(keyHash)` and later `rotateSignerKey(keyHash)` (the
/// old key settles for `THAWING_PERIOD` more seconds); anyone calls
/// `settle(uint256[8][] proofs, uint256[8][] pubSignals)`, whose public signals are, in circuit
/// order, `domain, provider, user, signerKeyHash, initNonce, finalNonce, initBalance,
/// finalBalance`. Each transition is checked against the stored state in order; one that does
/// not match is skipped (`SettlementSkipped` with a `SkipReason`), the others are applied, and
/// their proofs are verified together (one `verifyProof` call for one proof, one `verifyProofs`
/// batch call otherwise): if that fails the whole call reverts. Users leave with
/// `requestWithdrawal(amount)` then `withdraw()` inside `[t + WITHDRAWAL_DELAY, t +
/// WITHDRAWAL_DELAY + WITHDRAWAL_WINDOW)` for a request at block time t; the provider collects
/// with `withdrawEarnings()`.
///
/// The registry computes its own domain, Poseidon(chainid, address(this)), in its constructor
/// (`PoseidonContractCode`), and holds no verifying key: it calls the verifiers deployed from
/// `Verifier.sol` and `BatchVerifier.sol` at the addresses given to its constructor.
public enum SettlementRegistry {
    /// Public signals per settlement proof.
    public static let publicSignalCount = SettlementStatement.publicInputNames.count

    /// The canonical signature of `settle`.
    public static let settleSignature = "settle(uint256[8][],uint256[8][])"

    /// The constructor's parameters, in order (ABI types): `provider`, `verifier`,
    /// `batchVerifier` (address), `withdrawalDelay`, `withdrawalWindow`, `thawingPeriod`
    /// (uint256 seconds, each in 1 ... `maxPeriod`). The domain is computed on chain.
    public static let constructorTypes = ["address", "address", "address", "uint256", "uint256", "uint256"]

    /// The longest delay, window or thawing period the constructor accepts (2^32 seconds), so
    /// no timestamp sum can overflow and lock a withdrawal.
    public static let maxPeriod: UInt64 = 1 << 32

    /// Why `settle` skipped a transition: the `reason` of a `SettlementSkipped` event, checked
    /// in this order (the first that applies is reported).
    public enum SkipReason: UInt8, CaseIterable, Sendable {
        /// `domain` is not the registry's `DOMAIN`.
        case wrongDomain = 1
        /// `provider` is not the registry's `PROVIDER`.
        case wrongProvider = 2
        /// `user` is 2^160 or more (not an address).
        case invalidUser = 3
        /// `signerKeyHash` is neither the user's key nor the previous key still thawing.
        case wrongSignerKey = 4
        /// `initNonce` is not the user's stored nonce (a replay, or out of order).
        case wrongNonce = 5
        /// Not `initNonce < finalNonce < 2^64` and `finalBalance <= initBalance`.
        case invalidTransition = 6
        /// `initBalance` exceeds the user's stored balance.
        case insufficientBalance = 7
    }

    /// The registry's events, as an off-chain follower filters them: every one has the user
    /// (or the provider) as its one indexed topic, and carries the state it changed.
    public enum Event: String, CaseIterable, Sendable {
        case deposited = "Deposited(address,uint256,uint256)"
        case signerKeyRegistered = "SignerKeyRegistered(address,uint256)"
        case signerKeyRotated = "SignerKeyRotated(address,uint256,uint256,uint256)"
        case settled = "Settled(address,uint256,uint256,uint256,uint256)"
        case settlementSkipped = "SettlementSkipped(uint256,uint256,uint256)"
        case withdrawalRequested = "WithdrawalRequested(address,uint256,uint256,uint256)"
        case withdrawn = "Withdrawn(address,uint256,uint256)"
        case earningsWithdrawn = "EarningsWithdrawn(address,uint256)"

        /// The event's signature.
        public var signature: String { rawValue }

        /// topic0: keccak256 of the signature.
        public var topic: [UInt8] { Keccak256.hash(Array(rawValue.utf8)) }
    }

    /// `settle(proofs, pubSignals)` calldata: the same two arrays as the batch verifier's
    /// `verifyProofs`, behind `settle`'s selector. Precondition: at least one proof, each with
    /// 8 public signals.
    public static func settleCalldata(_ batch: [(proof: Proof, publicSignals: [Fr])]) -> [UInt8] {
        precondition(batch.allSatisfy { $0.publicSignals.count == publicSignalCount }, "settlement proofs have 8 public signals")
        return Keccak256.selector(settleSignature) + VerifierCalldata.proofArrays(batch)
    }

    /// The scalar field order r in decimal, as both contract texts embed it.
    static let r = Fr.modulus.description
}
