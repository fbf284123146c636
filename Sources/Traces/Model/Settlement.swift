import Groth16

/// The life of a settlement: queued -> proving -> proved -> submitted -> confirmed; failed
/// when a proof cannot be made, abandoned when a proved or submitted settlement will never
/// land (doc/API.md, "Settlement states"). Failed, abandoned and confirmed are final.
public enum SettlementStatus: String, Sendable, CaseIterable, Codable {
    case queued, proving, proved, failed, submitted, confirmed, abandoned
}

/// The life of one account transition inside a settlement (it ends with its settlement).
public enum TransitionStatus: String, Sendable, CaseIterable, Codable {
    case queued, proving, proved, failed, abandoned
}

/// The life of a stored trace.
public enum TraceStatus: String, Sendable, CaseIterable, Codable {
    /// Accepted, not yet in a settlement.
    case pending
    /// Part of a settlement that is not confirmed yet.
    case batched
    /// Its settlement is confirmed on chain.
    case settled
    /// No longer settleable (the on-chain state moved past it); `reason` says why.
    case rejected
}

/// One account's balance transition: the public statement a proof attests.
public struct StateTransition: Hashable, Sendable {
    public var user: Address
    public var initBalance: UInt128
    public var finalBalance: UInt128
    public var initNonce: UInt64
    public var finalNonce: UInt64

    public init(user: Address, initBalance: UInt128, finalBalance: UInt128, initNonce: UInt64, finalNonce: UInt64) {
        self.user = user
        self.initBalance = initBalance
        self.finalBalance = finalBalance
        self.initNonce = initNonce
        self.finalNonce = finalNonce
    }

    /// What the provider is paid: initBalance - finalBalance.
    public var amount: UInt128 { initBalance - finalBalance }
}
