import Groth16

/// One user's state in the registry as its events tell it (balance, nonce, signer keys and
/// withdrawal request), folded in chain order. The registry emits the resulting balance with
/// every event that changes it, so the fold needs no arithmetic of its own.
public struct ChainAccountState: Hashable, Sendable {
    public var balance: UInt128 = 0
    /// The nonce of the last settled trace.
    public var nonce: UInt64 = 0
    /// The registered signer key hash (nil: none yet).
    public var keyHash: Fr?
    /// The key a rotation replaced, and the block time until which it still settles.
    public var previousKeyHash: Fr?
    public var previousKeyValidUntil: UInt64 = 0
    /// The pending withdrawal request (zero: none), when it matures and when it lapses.
    public var withdrawal: UInt128 = 0
    public var withdrawalMaturesAt: UInt64 = 0
    public var withdrawalExpiresAt: UInt64 = 0

    public init() {}

    /// The state after `event` (one of this user's).
    public mutating func apply(_ event: RegistryEvent) {
        switch event {
        case let .deposited(_, _, balance):
            self.balance = balance
        case let .signerKeyRegistered(_, keyHash):
            self.keyHash = keyHash
        case let .signerKeyRotated(_, old, new, validUntil):
            previousKeyHash = old
            previousKeyValidUntil = validUntil
            keyHash = new
        case let .settled(_, _, finalNonce, _, balance):
            self.balance = balance
            nonce = finalNonce
        case let .withdrawalRequested(_, amount, maturesAt, expiresAt):
            withdrawal = amount
            withdrawalMaturesAt = maturesAt
            withdrawalExpiresAt = expiresAt
        case let .withdrawn(_, _, balance):
            self.balance = balance
            withdrawal = 0
            withdrawalMaturesAt = 0
            withdrawalExpiresAt = 0
        case .settlementSkipped, .earningsWithdrawn:
            break
        }
    }

    /// What a withdrawal request may still take at block time `time`: the requested amount
    /// (at most the balance) until the request lapses, then nothing.
    public func heldBack(at time: UInt64) -> UInt128 {
        guard withdrawal != 0, time < withdrawalExpiresAt else { return 0 }
        return min(withdrawal, balance)
    }

    /// Whether traces signed under `keyHash` still settle at block time `time`.
    public func settles(under keyHash: Fr, at time: UInt64) -> Bool {
        keyHash == self.keyHash || (keyHash == previousKeyHash && time < previousKeyValidUntil)
    }
}
