import Circuits
import Foundation
import Groth16
import Testing
import TestSupport
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

    /// A key shared with an application that signs arbitrary field elements can be made to sign
    /// Poseidon(domain, user, provider, nonce, fee, requestHash) (the untagged format): that
    /// signature is not a trace. Only messages that start with the protocol tag are.
    @Test func signatureOverTheUntaggedMessageIsNotATrace() throws {
        let t = signed(7)
        let untagged = try Poseidon.hash([domain.value, t.user.fieldElement, t.provider.fieldElement, Fr(t.nonce),
                                          Fr(UInt64(t.fee)), t.requestHash])
        let sig = EdDSAPoseidon.sign(untagged, with: key)
        var forged = t
        forged.signature = TraceSignature(r8x: sig.r8.x, r8y: sig.r8.y, s: sig.s)
        #expect(!TraceSigning.verify(forged, key: TraceSigning.signerKey(of: key), domain: domain))
        #expect(TraceSigning.verify(t, key: TraceSigning.signerKey(of: key), domain: domain))
    }

    /// The tag is the big-endian integer of "zkSettlement/trace/v1", the first of seven Poseidon
    /// inputs: checked against an independent Poseidon written from circomlibjs's constants.
    @Test(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON"))
    func traceMessageMatchesAnIndependentPoseidon() throws {
        let t = signed(7, fee: 123_456_789)
        let constants = Vectors.url("poseidon/circomlibjs_poseidon_constants.json").path
        let inputs = [domain.value, t.user.fieldElement, t.provider.fieldElement, Fr(t.nonce), Fr(UInt64(t.fee)), t.requestHash]
            .map(\.decimalString).joined(separator: ", ")
        let code = """
            import json
            P = 21888242871839275222246405745257275088548364400416034343698204186575808495617
            c = json.load(open("\(constants)"))
            tag = int.from_bytes(b"zkSettlement/trace/v1", "big")
            state = [0, tag, \(inputs)]
            t = len(state)
            C = [int(x, 0) for x in c["C"][t - 2]]
            M = [[int(x, 0) for x in row] for row in c["M"][t - 2]]
            partial = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68][t - 2]
            for r in range(8 + partial):
                state = [(x + C[r * t + i]) % P for i, x in enumerate(state)]
                if r < 4 or r >= 4 + partial:
                    state = [pow(x, 5, P) for x in state]
                else:
                    state[0] = pow(state[0], 5, P)
                state = [sum(M[i][j] * state[j] for j in range(t)) % P for i in range(t)]
            print(state[0])
            """
        let expected = try PythonOracle.run(code: code).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(TraceSigning.message(of: t, domain: domain).decimalString == expected)
        #expect(SettlementStatement.traceMessageTag.decimalString == "\(BigInteger(bigEndian: Array("zkSettlement/trace/v1".utf8)))")
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
