import Circuits
import Synchronization

/// Prepared EdDSA keys (comb tables, about 24 KiB each) of the signer keys seen recently, so
/// that each account's table is built once rather than once per trace. Bounded, with an
/// approximate least-recently-used policy in two generations: keys enter the current
/// generation; when it is full it becomes the previous one and the oldest generation is
/// dropped; a key found in the previous generation moves back into the current one. So a key
/// in use survives any number of turnovers, and at most `capacity` keys are held.
public final class PreparedKeyCache: Sendable {
    public let capacity: Int
    private struct Generations {
        var current: [SignerKey: EdDSAPoseidon.PreparedKey] = [:]
        var previous: [SignerKey: EdDSAPoseidon.PreparedKey] = [:]
    }
    private let generations = Mutex(Generations())

    /// A cache of at most `capacity` keys (at least 2).
    public init(capacity: Int = 4096) {
        precondition(capacity >= 2, "the cache holds at least two keys")
        self.capacity = capacity
    }

    /// The prepared key, or nil when the key is not a usable EdDSA key (off the curve or of
    /// small order). Preparing runs outside the lock.
    public func key(_ signer: SignerKey) -> EdDSAPoseidon.PreparedKey? {
        if let cached = generations.withLock({ g -> EdDSAPoseidon.PreparedKey? in
            if let hit = g.current[signer] { return hit }
            guard let hit = g.previous.removeValue(forKey: signer) else { return nil }
            insert(signer, hit, into: &g)
            return hit
        }) {
            return cached
        }
        guard let prepared = EdDSAPoseidon.PreparedKey(BabyJubJub.Point(uncheckedX: signer.ax, y: signer.ay)) else { return nil }
        generations.withLock { insert(signer, prepared, into: &$0) }
        return prepared
    }

    private func insert(_ signer: SignerKey, _ key: EdDSAPoseidon.PreparedKey, into g: inout Generations) {
        if g.current.count >= capacity / 2 && g.current[signer] == nil {
            g.previous = g.current
            g.current = [:]
        }
        g.current[signer] = key
    }

    /// Number of keys held.
    public var count: Int { generations.withLock { $0.current.count + $0.previous.count } }

    /// Whether `signer`'s prepared key is held (without counting as a use).
    public func contains(_ signer: SignerKey) -> Bool {
        generations.withLock { $0.current[signer] != nil || $0.previous[signer] != nil }
    }
}
