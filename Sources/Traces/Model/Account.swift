import Groth16

/// A user's EdDSA public key on BabyJubJub (the point A).
public struct SignerKey: Hashable, Sendable {
    public var ax: Fr
    public var ay: Fr

    public init(ax: Fr, ay: Fr) {
        self.ax = ax
        self.ay = ay
    }
}

/// An account as the agent knows it: the user's signer key and the on-chain state last
/// reported (balance and nonce), plus what the agent has accepted since.
public struct Account: Hashable, Sendable {
    public var user: Address
    public var signerKey: SignerKey
    /// Poseidon(Ax, Ay), as registered on chain.
    public var signerKeyHash: Fr
    /// The on-chain balance as last reported.
    public var balance: UInt128
    /// The on-chain nonce as last reported (the last settled trace nonce).
    public var nonce: UInt64
    /// The highest accepted trace nonce (equals `nonce` when none is pending).
    public var acceptedNonce: UInt64
    /// Sum of the fees of accepted traces not yet confirmed on chain.
    public var reserved: UInt128
    /// The part of the balance a pending withdrawal request may take (chain mode: the request
    /// seen on chain, until it is executed or lapses; zero otherwise). New traces never spend it.
    public var heldBack: UInt128

    public init(user: Address, signerKey: SignerKey, signerKeyHash: Fr, balance: UInt128, nonce: UInt64,
                acceptedNonce: UInt64, reserved: UInt128, heldBack: UInt128 = 0) {
        self.user = user
        self.signerKey = signerKey
        self.signerKeyHash = signerKeyHash
        self.balance = balance
        self.nonce = nonce
        self.acceptedNonce = acceptedNonce
        self.reserved = reserved
        self.heldBack = heldBack
    }

    /// What the account can still spend: balance minus the held-back withdrawal and the
    /// reserved fees (zero when those exceed it).
    public var available: UInt128 {
        let committed = reserved.addingReportingOverflow(heldBack)
        return !committed.overflow && balance >= committed.partialValue ? balance - committed.partialValue : 0
    }
}
