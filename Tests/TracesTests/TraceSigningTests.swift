import Circuits
import Foundation
import Groth16
import Testing
@testable import Traces

@Suite struct TraceSigningTests {
    typealias F = TraceFixtures
    let domain = SettlementDomain(chainId: 16600, settlementContract: try! Address(hex: "0x" + String(repeating: "c0", count: 20)))
    let key = try! EdDSAPrivateKey(hex: String(repeating: "0a", count: 32))

    func signed(_ nonce: UInt64, fee: UInt128 = 5, user: Address = TraceFixtures.user(1), domain: SettlementDomain? = nil) -> RequestTrace {
        TraceSigning.sign(user: user, provider: F.provider, nonce: nonce, fee: fee, requestHash: Fr(42 + nonce),
                          domain: domain ?? self.domain, key: key)
    }

    @Test func signaturesVerifyAndBindEveryField() {
        let signer = TraceSigning.signerKey(of: key)
        #expect(signer.isValid)
        let t = signed(7)
        #expect(TraceSigning.verify(t, key: signer, domain: domain))
        var changed = [t, t, t, t, t, t]
        changed[0].nonce += 1
        changed[1].fee += 1
        changed[2].requestHash = changed[2].requestHash + .one
        changed[3].user = F.user(9)
        changed[4].provider = F.user(8)
        changed[5].signature.s = changed[5].signature.s + .one
        for c in changed { #expect(!TraceSigning.verify(c, key: signer, domain: domain)) }
        let otherChain = SettlementDomain(chainId: 1, settlementContract: domain.settlementContract)
        #expect(!TraceSigning.verify(t, key: signer, domain: otherChain), "a trace does not replay on another chain")
        let otherKey = TraceSigning.signerKey(of: try! EdDSAPrivateKey(hex: String(repeating: "0b", count: 32)))
        #expect(!TraceSigning.verify(t, key: otherKey, domain: domain))
        // S + l is a second encoding of the same scalar: rejected (S must be below l).
        var malleable = t
        malleable.signature.s = malleable.signature.s + Fr(reducing: BabyJubJub.subgroupOrder)
        #expect(!TraceSigning.verify(malleable, key: signer, domain: domain))
    }

    @Test func ingestorVerifiesThenStores() throws {
        let (store, _) = try F.temporaryStore()
        let alice = F.user(1)
        let signer = TraceSigning.signerKey(of: key)
        try store.upsertAccount(AccountUpdate(user: alice, signerKey: signer, signerKeyHash: signer.hash, balance: 100, nonce: 0))
        let ingestor = TraceIngestor(store: store, verifier: TraceVerifier(domain: domain, provider: F.provider))
        var forged = signed(2)
        forged.fee = 1
        var misaddressed = signed(3)
        misaddressed.provider = F.user(5)
        let results = try ingestor.ingest([signed(1), forged, misaddressed, signed(4), signed(5, user: F.user(2))])
        #expect(results[0] == .success(.accepted(id: 1)))
        #expect(results[1] == .failure(.invalidSignature))
        #expect(results[2] == .failure(.wrongProvider(expected: F.provider, got: F.user(5))))
        #expect(results[3] == .success(.accepted(id: 2)))
        #expect(results[4] == .failure(.unknownAccount(F.user(2))))
        #expect(try store.traceCounts() == [.pending: 2])
    }
}
