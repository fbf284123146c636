import Circuits
import Synchronization

/// Prepared EdDSA keys (comb tables, about 24 KiB each) of the signer keys seen
/// recently, so that each account's table is built once rather than once per trace. Bounded:
/// when `capacity` keys are held, the cache starts over.
public final class PreparedKeyCache: Sendable {
    public let capacity: Int
    private let keys = Mutex<[SignerKey: EdDSAPoseidon.PreparedKey]>([:])

    public init(capacity: Int = 4096) {
        precondition(capacity >= 1, "the cache holds at least one key")
        self.capacity = capacity
    }

    /// The prepared key, or nil when the key is not a usable EdDSA key (off the curve or of
    /// small order). Preparing runs outside the lock.
    public func key(_ signer: SignerKey) -> EdDSAPoseidon.PreparedKey? {
        if let cached = keys.withLock({ $0[signer] }) { return cached }
        guard let prepared = EdDSAPoseidon.PreparedKey(BabyJubJub.Point(uncheckedX: signer.ax, y: signer.ay)) else { return nil }
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll(keepingCapacity: true) }
            keys[signer] = prepared
        }
        return prepared
    }

    /// Number of keys held.
    public var count: Int { keys.withLock { $0.count } }
}
