import Circuits
import Groth16
import Testing
@testable import Traces

/// The bounded cache of prepared signer keys: keys in use survive turnovers, the least
/// recently used go first, unusable keys are never held.
@Suite struct PreparedKeyCacheTests {
    static func signer(_ i: UInt8) -> SignerKey {
        TraceSigning.signerKey(of: try! EdDSAPrivateKey(bytes: [UInt8](repeating: i, count: 32)))
    }

    @Test func keysInUseSurviveAndTheLeastRecentlyUsedGo() {
        let cache = PreparedKeyCache(capacity: 4)
        let k = (1...5).map { Self.signer(UInt8($0)) }
        #expect(cache.key(k[0]) != nil && cache.key(k[1]) != nil)
        #expect(cache.key(k[2]) != nil)  // turnover: {k0, k1} become the previous generation
        #expect(cache.key(k[0]) != nil)  // k0 is used again and moves back
        #expect(cache.key(k[3]) != nil)  // turnover: {k2, k0} previous, k1 dropped
        #expect(cache.contains(k[0]) && cache.contains(k[2]) && cache.contains(k[3]))
        #expect(!cache.contains(k[1]))
        for round in 0..<50 {
            _ = cache.key(k[0])
            _ = cache.key(k[1 + round % 4])
            #expect(cache.count <= 4)
            #expect(cache.contains(k[0]), "a key used every round is never dropped")
        }
    }

    @Test func unusableKeysAreRefusedAndNotHeld() {
        let cache = PreparedKeyCache(capacity: 4)
        let offCurve = SignerKey(ax: Fr(1), ay: Fr(2))
        let identity = SignerKey(ax: Fr(0), ay: Fr(1))  // small order
        #expect(cache.key(offCurve) == nil && cache.key(identity) == nil)
        #expect(cache.count == 0)
        // The prepared key verifies what the unprepared check verifies.
        let key = try! EdDSAPrivateKey(bytes: [UInt8](repeating: 9, count: 32))
        let signer = TraceSigning.signerKey(of: key)
        let domain = SettlementDomain(chainId: 1, settlementContract: Address(bytes: [UInt8](repeating: 1, count: 20)))
        let user = Address(bytes: [UInt8](repeating: 2, count: 20)), provider = Address(bytes: [UInt8](repeating: 3, count: 20))
        let trace = TraceSigning.sign(user: user, provider: provider, nonce: 1, fee: 5, requestHash: Fr(77), domain: domain, key: key)
        let prepared = cache.key(signer)!
        #expect(TraceSigning.verify(trace, key: prepared, domain: domain))
        #expect(TraceSigning.verify(trace, key: signer, domain: domain))
    }
}
