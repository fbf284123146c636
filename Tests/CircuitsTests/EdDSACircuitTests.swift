import Testing
import TestSupport
@testable import Circuits

@Suite struct EdDSACircuitTests {
    /// One verification: the circomlib-shaped gadget on private inputs.
    struct Case {
        var enabled: Bool
        var a: BabyJubJub.Point
        var message: Fr
        var signature: EdDSAPoseidon.Signature
    }

    static func circuit(_ cs: ConstraintSystem, _ c: Case) {
        let enabled = cs.booleanInput("enabled", value: c.enabled)
        let a = EdwardsPointSignal(x: cs.privateInput("Ax", value: c.a.x), y: cs.privateInput("Ay", value: c.a.y))
        let s = cs.privateInput("S", value: c.signature.s)
        let r8 = EdwardsPointSignal(x: cs.privateInput("R8x", value: c.signature.r8.x), y: cs.privateInput("R8y", value: c.signature.r8.y))
        let m = cs.privateInput("M", value: c.message)
        cs.eddsaPoseidonVerify(enabled: enabled, publicKey: a, message: m, r8: r8, s: s)
    }

    static func signedCases(count: Int, seed: UInt64) -> [Case] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let key = try! EdDSAPrivateKey(bytes: rng.bytes(32))
            let m = Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next()))
            return Case(enabled: true, a: EdDSAPoseidon.publicKey(of: key), message: m, signature: EdDSAPoseidon.sign(m, with: key))
        }
    }

    @Test func vectorSignatureVerifiesInTheCircuit() throws {
        let eddsa = try BabyJubVectors.root()["eddsa"] as! [String: Any]
        let sig = (eddsa["signatures"] as! [[String: Any]]).first { $0["hash"] as? String == "poseidon" }!
        let c = Case(enabled: true, a: try BabyJubVectors.point(eddsa["public_key"]), message: try Fr(decimal: sig["msg_field"] as! String),
                     signature: .init(r8: try BabyJubVectors.point(sig["R8"]), s: try Fr(decimal: sig["S"] as! String)))
        var wrongMessage = c
        wrongMessage.message += .one
        checkCircuit(Self.circuit, valid: [c], invalid: [wrongMessage])
    }

    @Test func countsPerPart() {
        let c = Self.signedCases(count: 1, seed: 100)[0]
        let cs = ConstraintSystem(mode: .constraintsOnly)
        Self.circuit(cs, c)
        let total = cs.constraintCount - 1  // without the input's booleanity
        let keyOnly = ConstraintSystem(mode: .constraintsOnly)
        _ = keyOnly.eddsaPublicKey(EdwardsPointSignal(x: keyOnly.privateInput("Ax", value: .zero), y: keyOnly.privateInput("Ay", value: .zero)))
        print("EdDSAPoseidonVerifier: \(total) constraints (key checks and table \(keyOnly.constraintCount), masking 2, per signature \(total - keyOnly.constraintCount - 2))")
        #expect(total < 4_000)
    }

    @Test func validSignaturesAndDisabledGarbageSatisfy() throws {
        var cases = Self.signedCases(count: 3, seed: 101)
        var rng = SeededGenerator(seed: 102)
        let random = { (rng: inout SeededGenerator) in Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next())) }
        // Disabled: anything goes, even values no valid signature has.
        cases.append(Case(enabled: false, a: .init(uncheckedX: random(&rng), y: random(&rng)), message: random(&rng),
                          signature: .init(r8: .init(uncheckedX: random(&rng), y: random(&rng)), s: -Fr.one)))
        cases.append(Case(enabled: false, a: .identity, message: .zero, signature: .init(r8: .identity, s: .zero)))
        var bad = cases[0]
        bad.enabled = false
        bad.signature.s += .one
        cases.append(bad)
        let result = checkCircuit(Self.circuit, valid: cases)
        for (cs, c) in zip(result.valid, cases) {
            // Enabled: every input and internal wire is pinned. Disabled: S, Ax and Ay are free
            // (only enabled·S and the masked key enter the rest); R8 and M still feed the
            // hash, whose wires pin them, though no output depends on them.
            let unpinned = try expectPinned(cs, kinds: [.privateInput, .internal]) { wire in
                !c.enabled && wire.alternative == nil && ["Ax", "Ay", "S"].contains(wire.label)
            }
            #expect(unpinned.count == (c.enabled ? 0 : 3))
            #expect(EdDSAPoseidon.verify(c.message, signature: c.signature, publicKey: c.a) == c.enabled)
        }
    }

    @Test func sAtLeastLIsRejectedByTheRangeCheck() {
        // A signature with S + l < 2^251: S + l has valid bits and the same S·B8, so only the
        // S < l check stands in the way.
        let bound = BigInteger(1) << 251
        let good = (0..<20).lazy.map { Self.signedCases(count: 1, seed: 200 + UInt64($0))[0] }
            .first { $0.signature.s.bigInteger + BabyJubJub.subgroupOrder < bound }!
        var malleable = good
        malleable.signature.s = Fr(reducing: good.signature.s.bigInteger + BabyJubJub.subgroupOrder)
        let result = checkCircuit(Self.circuit, valid: [good], invalid: [malleable])
        #expect(result.failures[0]?.label.hasPrefix("eddsa.S < l.") == true, "\(String(describing: result.failures[0]))")
    }

    @Test func invalidSignaturesAreRejected() {
        let good = Self.signedCases(count: 1, seed: 103)[0]
        var invalid: [(String, Case)] = []
        var c = good
        c.message += .one
        invalid.append(("wrong message", c))
        c = good
        c.signature.s = Fr(reducing: good.signature.s.bigInteger + BabyJubJub.subgroupOrder)
        invalid.append(("S + l", c))
        c = good
        c.signature.s += .one
        invalid.append(("S + 1", c))
        c = good
        c.signature.r8 = -good.signature.r8
        invalid.append(("−R8", c))
        c = good
        c.signature.r8 = .init(uncheckedX: good.signature.r8.x, y: good.signature.r8.y + .one)
        invalid.append(("R8 off the curve", c))
        c = good
        c.signature.r8 = good.signature.r8 + BabyJubJub.Point(uncheckedX: .zero, y: -Fr.one)
        invalid.append(("R8 plus the point of order 2", c))
        c = good
        c.a = BabyJubJub.base8
        invalid.append(("another key", c))
        c = good
        c.a = .init(uncheckedX: good.a.x, y: good.a.y + .one)
        invalid.append(("A off the curve", c))
        // Small-order keys: S·B8 = R8 holds for S = 0, R8 = O whatever the message.
        let order8 = BabyJubJub.generator.multipliedVartime(by: BabyJubJub.subgroupOrder)
        for (name, point) in [("A = O", BabyJubJub.Point.identity), ("A of order 2", BabyJubJub.Point(uncheckedX: .zero, y: -Fr.one)),
                              ("A of order 4", order8.doubled()), ("A of order 8", order8)] {
            invalid.append((name, Case(enabled: true, a: point, message: Fr(42), signature: .init(r8: .identity, s: .zero))))
        }
        let result = checkCircuit(Self.circuit, valid: [good], invalid: invalid.map(\.1))
        for ((name, c), failure) in zip(invalid, result.failures) {
            #expect(!EdDSAPoseidon.verify(c.message, signature: c.signature, publicKey: c.a), "native accepts \(name)")
            print("\(name): \(failure?.label ?? "accepted")")
        }
    }

    @Test func nonBooleanEnabledIsRejected() {
        let c = Self.signedCases(count: 1, seed: 104)[0]
        let cs = ConstraintSystem()
        Self.circuit(cs, c)
        var values = cs.witnessValues
        values[1] = Fr(2)  // the `enabled` input
        #expect(cs.firstUnsatisfiedConstraint(values: values)?.label == "enabled")
    }

    @Test func oneKeyManySignatures() throws {
        var rng = SeededGenerator(seed: 105)
        let key = try EdDSAPrivateKey(bytes: rng.bytes(32))
        let a = EdDSAPoseidon.publicKey(of: key)
        let messages = (0..<3).map { Fr(UInt64($0) + 7) }
        let cs = ConstraintSystem()
        let keySignal = cs.eddsaPublicKey(EdwardsPointSignal(x: cs.privateInput("Ax", value: a.x), y: cs.privateInput("Ay", value: a.y)))
        let afterKey = cs.constraintCount
        for (i, m) in messages.enumerated() {
            let sig = EdDSAPoseidon.sign(m, with: key)
            cs.scope("trace", index: i) {
                let enabled = cs.booleanInput("enabled", value: i < 2)
                let r8 = EdwardsPointSignal(x: cs.privateInput("R8x", value: sig.r8.x), y: cs.privateInput("R8y", value: sig.r8.y))
                cs.eddsaPoseidonVerify(key: keySignal, message: cs.privateInput("M", value: i == 2 ? m + Fr.one : m),
                                       r8: r8, s: cs.privateInput("S", value: sig.s), enabled: enabled)
            }
        }
        #expect(cs.firstUnsatisfiedConstraint() == nil, "the third is disabled, its wrong message does not matter")
        print("EdDSA with a prepared key: \((cs.constraintCount - afterKey) / 3 - 1) constraints per signature")
        try expectPinned(cs)
    }
}
