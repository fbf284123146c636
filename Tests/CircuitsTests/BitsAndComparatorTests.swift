import Testing
import TestSupport
@testable import Circuits

@Suite struct BitsAndComparatorTests {
    static func randomBelow(bits: Int, _ rng: inout SeededGenerator) -> Fr {
        var v = BigInteger(words: [rng.edgyWord(), rng.edgyWord(), rng.edgyWord(), rng.edgyWord()])
        v = v.mod(BigInteger(1) << bits)
        return Fr(reducing: v)
    }

    @Test func bitsMatchTheNativeTwin() throws {
        var rng = SeededGenerator(seed: 61)
        for count in [1, 8, 64, 128, 253] {
            var inputs = [Fr.zero, Fr(reducing: (BigInteger(1) << count) - 1)]
            for _ in 0..<4 { inputs.append(Self.randomBelow(bits: count, &rng)) }
            let tooBig = [Fr(reducing: BigInteger(1) << count), -Fr.one]
            let result = checkCircuit({ cs, x in
                _ = cs.bits(of: cs.privateInput("x", value: x), count: count)
            }, valid: inputs, invalid: count == 253 ? [-Fr.one] : tooBig)
            #expect(result.valid[0].constraintCount == count + 1)
            for (cs, x) in zip(result.valid, inputs) {
                let bits = (1...count).map { !cs.value(ofWire: 1 + $0).isZero }
                #expect(bits == x.lowBits(count))
                try expectPinned(cs)
            }
            #expect(result.failures.allSatisfy { $0?.label == "Σ bits" })
        }
    }

    @Test func bitsOfAProductShareTheConstraint() throws {
        let result = checkCircuit({ cs, v in
            let a = cs.privateInput("a", value: v.0), b = cs.privateInput("b", value: v.1)
            _ = cs.bits(of: a * b, count: 16)
        }, valid: [(Fr(300), Fr(200)), (Fr.zero, Fr(7))], invalid: [(Fr(300), Fr(300))])
        #expect(result.valid[0].constraintCount == 17)
        try expectPinned(result.valid[0])
    }

    @Test func lessOrEqualAgreesWithIntegersExhaustively() {
        let n = 5
        for bound in 0..<(1 << n) {
            for value in 0..<(1 << n) {
                let cs = ConstraintSystem()
                let bits = cs.bits(of: cs.privateInput("x", value: Fr(UInt64(value))), count: n)
                cs.enforceLessOrEqual(bits, BigInteger(bound))
                #expect((cs.firstUnsatisfiedConstraint() == nil) == (value <= bound), "\(value) ≤ \(bound)")
            }
        }
    }

    @Test func strictBitsRejectTheAlias() throws {
        var rng = SeededGenerator(seed: 62)
        let r = Fr.modulus
        var inputs = [Fr.zero, Fr.one, -Fr.one]
        for _ in 0..<4 { inputs.append(Fr(reducingLimbs: (rng.edgyWord(), rng.edgyWord(), rng.edgyWord(), rng.edgyWord()))) }
        let result = checkCircuit({ cs, x in _ = cs.bitsStrict(of: cs.privateInput("x", value: x)) }, valid: inputs)
        print("bitsStrict: \(result.valid[0].constraintCount) constraints")
        for (cs, x) in zip(result.valid, inputs) {
            try expectPinned(cs)
            // Replace the bits by those of x + r when that still fits in 254 bits.
            let alias = x.bigInteger + r
            guard alias.bitWidth <= 254 else { continue }
            var values = cs.witnessValues
            for i in 0..<254 { values[2 + i] = alias.bit(i) ? .one : .zero }
            let failure = cs.firstUnsatisfiedConstraint(values: values)
            #expect(failure?.label.hasPrefix("alias check.") == true, "\(String(describing: failure))")
        }
    }

    @Test func comparatorsMatchIntegers() throws {
        var rng = SeededGenerator(seed: 63)
        var pairs: [(UInt64, UInt64)] = [(0, 0), (0, 1), (1, 0), (.max, .max), (.max - 1, .max), (.max, 0)]
        for _ in 0..<10 { pairs.append((rng.edgyWord(), rng.next() % 2 == 0 ? rng.edgyWord() : 0)) }
        for (a, b) in pairs {
            let result = checkCircuit({ cs, v in
                let x = cs.privateInput("a", value: Fr(v.0)), y = cs.privateInput("b", value: Fr(v.1))
                _ = cs.lessThan(x, y, bits: 64)
                _ = cs.isEqual(x, y)
                _ = cs.isZero(x)
            }, valid: [(a, b)])
            let cs = result.valid[0]
            #expect(cs.constraintCount == 66 + 2 + 2)
            let x = ConstraintSystem(mode: .witnessOnly)
            let (sa, sb) = (x.privateInput("a", value: Fr(a)), x.privateInput("b", value: Fr(b)))
            #expect(x.lessThan(sa, sb, bits: 64).value == (a < b))
            #expect(x.isEqual(sa, sb).value == (a == b))
            #expect(x.isZero(sa).value == (a == 0))
            // IsZero's inverse is free exactly when its input is zero.
            try expectPinned(cs) { wire in
                (wire.label == "isZero.inverse" && a == b && wire.alternative == nil)
                    || (wire.label == "isZero.inverse" && a == 0 && wire.alternative == nil)
            }
        }
    }

    @Test func comparatorOutputsCannotBeForged() {
        let cs = ConstraintSystem()
        let x = cs.privateInput("a", value: Fr(5)), y = cs.privateInput("b", value: Fr(9))
        let eq = cs.isEqual(x, y)
        #expect(!eq.value)
        var values = cs.witnessValues
        let outWire = Int(eq.signal.terms[0].wire)
        values[outWire] = .one
        #expect(cs.firstUnsatisfiedConstraint(values: values) != nil)
    }
}
