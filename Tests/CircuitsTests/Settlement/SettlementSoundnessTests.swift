import Testing
import TestSupport
@testable import Circuits

/// Forged transitions, assigned directly (the native validation would refuse them): each must
/// violate a constraint, and the first violated one is the check that stands in the way.
@Suite struct SettlementSoundnessTests {
    static let slots = 3

    /// Two traces (nonces 10, 12; fees 30, 50) from (balance 100, nonce 7), a disabled third slot.
    struct Base {
        var fixture = SettlementFixture(seed: 2000)
        let assignment: SettlementAssignment

        init() throws {
            let traces = [fixture.trace(nonce: 10, fee: 30), fixture.trace(nonce: 12, fee: 50)]
            let input = try SettlementWitnessInput.transition(
                domain: fixture.domain, provider: fixture.provider, user: fixture.user, signerKey: fixture.signerKey,
                initNonce: 7, initBalance: 100, traces: traces, slots: SettlementSoundnessTests.slots)
            #expect(input.statement.finalBalance == 20 && input.statement.finalNonce == 12)
            assignment = SettlementAssignment(input, slots: SettlementSoundnessTests.slots)
        }

        /// Signs slot `i` again over its current nonce, fee and request hash.
        func resign(_ a: inout SettlementAssignment, _ i: Int, key: EdDSAPrivateKey? = nil, domain: Fr? = nil) {
            let slot = a.slots[i]
            let m = fixture.message(nonce: slot.nonce, fee: slot.fee, requestHash: slot.requestHash, domain: domain)
            let sig = EdDSAPoseidon.sign(m, with: key ?? fixture.key)
            a.slots[i].r8x = sig.r8.x
            a.slots[i].r8y = sig.r8.y
            a.slots[i].s = sig.s
        }
    }

    static func power(_ k: Int) -> Fr { Fr(reducing: BigInteger(1) << k) }

    /// Every forgery with the label prefix of the constraint expected to reject it.
    static func forgeries() throws -> (base: SettlementAssignment, cases: [(String, SettlementAssignment, String)]) {
        var base = try Base()
        let honest = base.assignment
        var cases: [(String, SettlementAssignment, String)] = []
        func forge(_ name: String, _ expected: String, _ edit: (inout SettlementAssignment) -> Void) {
            var a = honest
            edit(&a)
            cases.append((name, a, expected))
        }
        let otherKey = try EdDSAPrivateKey(bytes: base.fixture.rng.bytes(32))
        let otherA = EdDSAPoseidon.publicKey(of: otherKey)

        // Balances.
        forge("overdraft (fees 30 + 90 from 100, final −20)", "finalBalance.Σ bits") { a in
            a.slots[1].fee = Fr(90)
            base.resign(&a, 1)
            a.finalBalance = Fr(100) - Fr(120)
        }
        forge("overdraft claiming finalBalance 0", "finalBalance = initBalance − Σ fee") { a in
            a.slots[1].fee = Fr(90)
            base.resign(&a, 1)
            a.finalBalance = .zero
        }
        forge("negative fee (−50) that credits the account", "trace[1].fee.Σ bits") { a in
            a.slots[1].fee = -Fr(50)
            base.resign(&a, 1)
            a.finalBalance = Fr(120)
        }
        forge("fee 2^128 + 5", "trace[1].fee.Σ bits") { a in
            a.slots[1].fee = power(128) + Fr(5)
            base.resign(&a, 1)
            a.finalBalance = Fr(65) - power(128)
        }
        forge("initBalance ≥ 2^128", "initBalance.Σ bits") { a in
            a.initBalance = power(128) + Fr(100)
            a.slots[0].fee = power(128) - Fr(1)
            base.resign(&a, 0)
            a.finalBalance = Fr(51)
        }
        forge("finalBalance off by one (+1)", "finalBalance = initBalance − Σ fee") { a in a.finalBalance = Fr(21) }
        forge("finalBalance off by one (−1)", "finalBalance = initBalance − Σ fee") { a in a.finalBalance = Fr(19) }
        forge("finalBalance ≥ 2^128", "finalBalance = initBalance − Σ fee") { a in a.finalBalance = power(128) + Fr(20) }

        // Nonces.
        forge("replayed nonce (trace 1 reuses 10)", "trace[1].nonce − previous − enabled.Σ bits") { a in
            a.slots[1].nonce = Fr(10)
            base.resign(&a, 1)
            a.slots[2].nonce = Fr(10)
            a.finalNonce = Fr(10)
        }
        forge("nonce going down (10 then 9)", "trace[1].nonce − previous − enabled.Σ bits") { a in
            a.slots[1].nonce = Fr(9)
            base.resign(&a, 1)
            a.slots[2].nonce = Fr(9)
            a.finalNonce = Fr(9)
        }
        forge("first nonce equal to initNonce", "trace[0].nonce − previous − enabled.Σ bits") { a in
            a.slots[0].nonce = Fr(7)
            base.resign(&a, 0)
        }
        forge("nonce step of 2^64 + 1", "trace[1].nonce − previous − enabled.Σ bits") { a in
            a.slots[1].nonce = Fr(11) + power(64)
            base.resign(&a, 1)
            a.slots[2].nonce = a.slots[1].nonce
            a.finalNonce = a.slots[1].nonce
        }
        forge("nonce step of 2^64 (passes the step check, not the final range)", "finalNonce.Σ bits") { a in
            a.slots[1].nonce = Fr(10) + power(64)
            base.resign(&a, 1)
            a.slots[2].nonce = a.slots[1].nonce
            a.finalNonce = a.slots[1].nonce
        }
        forge("nonce ≥ 2^64", "finalNonce.Σ bits") { a in
            a.initNonce = power(64) - Fr(3)
            a.slots[0].nonce = power(64) - Fr(1)
            a.slots[1].nonce = power(64) + Fr(4)
            base.resign(&a, 0)
            base.resign(&a, 1)
            a.slots[2].nonce = a.slots[1].nonce
            a.finalNonce = a.slots[1].nonce
        }
        forge("initNonce ≥ 2^64", "initNonce.Σ bits") { a in a.initNonce = power(64) + Fr(7) }
        forge("finalNonce wrong (13)", "finalNonce = nonce[L−1]") { a in a.finalNonce = Fr(13) }
        forge("finalNonce of an earlier trace (10)", "finalNonce = nonce[L−1]") { a in a.finalNonce = Fr(10) }

        // Enabled slots.
        forge("no enabled slot", "trace[0].enabled = 1 (first slot)") { a in
            for i in 0..<slots { a.slots[i] = .disabled(nonce: Fr(7)) }
            a.finalNonce = Fr(7)
            a.finalBalance = Fr(100)
        }
        forge("hole in the enabled prefix (1, 0, 1)", "trace[2].enabled ∈ {0, enabled[i−1]}") { a in
            a.slots[2] = a.slots[1]
            a.slots[1] = .disabled(nonce: Fr(10))
        }
        forge("enabled = 2", "trace[1].enabled ∈ {0, enabled[i−1]}") { a in a.slots[1].enabled = Fr(2) }
        forge("first enabled = 2", "trace[0].enabled = 1 (first slot)") { a in a.slots[0].enabled = Fr(2) }
        forge("fee in a disabled slot", "trace[2].disabled: fee = 0") { a in
            a.slots[2].fee = Fr(5)
            a.finalBalance = Fr(15)
        }
        forge("a disabled slot moves the nonce", "trace[2].disabled: nonce unchanged") { a in
            a.slots[2].nonce = Fr(13)
            a.finalNonce = Fr(13)
        }
        forge("disabling a signed slot keeps its fee", "trace[1].disabled: nonce unchanged") { a in a.slots[1].enabled = .zero }

        // Signatures and the key.
        forge("another user's signature (trace 1 signed by another key)", "trace[1].eddsa.S·B8 − h·8A = R8") { a in
            base.resign(&a, 1, key: otherKey)
        }
        forge("another user's key, registered hash kept", "signerKey.Poseidon(Ax, Ay) = signerKeyHash") { a in
            a.ax = otherA.x
            a.ay = otherA.y
            for i in 0..<2 { base.resign(&a, i, key: otherKey) }
        }
        forge("signerKeyHash of another key", "signerKey.Poseidon(Ax, Ay) = signerKeyHash") { a in
            a.signerKeyHash = SettlementStatement.signerKeyHash(of: otherA)
        }
        forge("wrong domain (signed for another contract)", "trace[0].eddsa.S·B8 − h·8A = R8") { a in
            a.domain = SettlementStatement.domain(chainId: 31337, settlementContract: Fr(0xBAD))
        }
        forge("another chain's signatures", "trace[0].eddsa.S·B8 − h·8A = R8") { a in
            for i in 0..<2 { base.resign(&a, i, domain: SettlementStatement.domain(chainId: 1, settlementContract: Fr(0x5e77_1e00))) }
        }
        forge("request hash changed", "trace[1].eddsa.S·B8 − h·8A = R8") { a in a.slots[1].requestHash += .one }
        forge("user changed", "trace[0].eddsa.S·B8 − h·8A = R8") { a in a.user = Fr(0xE7E) }
        forge("provider changed", "trace[0].eddsa.S·B8 − h·8A = R8") { a in a.provider = Fr(0xE7E) }
        forge("−R8", "trace[0].eddsa.S·B8 − h·8A = R8") { a in a.slots[0].r8x = -a.slots[0].r8x }
        forge("S ≥ 2^251", "trace[0].eddsa.S.Σ bits") { a in a.slots[0].s += power(251) }
        let order8 = BabyJubJub.generator.multipliedVartime(by: BabyJubJub.subgroupOrder)
        forge("key of small order (8)", "signerKey.eddsaKey.A not of small order") { a in
            a.ax = order8.x
            a.ay = order8.y
            a.signerKeyHash = SettlementStatement.signerKeyHash(of: order8)
            for i in 0..<2 { (a.slots[i].r8x, a.slots[i].r8y, a.slots[i].s) = (.zero, .one, .zero) }
        }
        forge("key off the curve", "signerKey.eddsaKey.onCurve") { a in
            a.ay += .one
            a.signerKeyHash = try! Poseidon.hash([a.ax, a.ay])
        }
        return (honest, cases)
    }

    @Test func forgedTransitionsViolateTheNamedConstraint() throws {
        let (base, cases) = try Self.forgeries()
        let result = checkCircuit(SettlementCircuitTests.circuit(Self.slots), valid: [base], invalid: cases.map(\.1))
        for ((name, _, expected), failure) in zip(cases, result.failures) {
            let label = failure?.label ?? "accepted"
            #expect(label.hasPrefix(expected), "\(name): rejected by \(label), expected \(expected)")
            print("\(name): \(label)")
        }
    }

    /// S + l has the same S·B8, so only S < l rejects it (for a signature with S + l < 2^251).
    @Test func malleableSIsRejectedBySLessThanL() throws {
        var base = try Base()
        var a = base.assignment
        while (a.slots[0].s.bigInteger + BabyJubJub.subgroupOrder) >> 251 != 0 {
            a.slots[0].requestHash = base.fixture.randomField()
            base.resign(&a, 0)
        }
        let valid = a
        a.slots[0].s = Fr(reducing: a.slots[0].s.bigInteger + BabyJubJub.subgroupOrder)
        let failure = checkCircuit(SettlementCircuitTests.circuit(Self.slots), valid: [valid], invalid: [a]).failures[0]
        #expect(failure?.label.hasPrefix("trace[0].eddsa.S < l.") == true, "\(String(describing: failure))")
    }

    /// In a disabled slot anything goes for R8, S and the request hash: they cannot matter.
    @Test func disabledSlotSignatureValuesAreIrrelevant() throws {
        var base = try Base()
        var a = base.assignment
        a.slots[2].r8x = base.fixture.randomField()
        a.slots[2].r8y = base.fixture.randomField()
        a.slots[2].s = -Fr.one
        a.slots[2].requestHash = base.fixture.randomField()
        checkCircuit(SettlementCircuitTests.circuit(Self.slots), valid: [base.assignment, a])
    }
}
