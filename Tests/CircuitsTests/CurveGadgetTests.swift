import Testing
import TestSupport
@testable import Circuits

@Suite struct CurveGadgetTests {
    static func randomPoint(_ rng: inout SeededGenerator) -> BabyJubJub.Point {
        BabyJubJub.base8.multipliedVartime(by: BigInteger(words: [rng.next(), rng.next(), rng.next(), rng.next() >> 8]))
    }

    static func input(_ cs: ConstraintSystem, _ name: StaticString, _ p: BabyJubJub.Point) -> EdwardsPointSignal {
        EdwardsPointSignal(x: cs.privateInput(name, index: 0, value: p.x), y: cs.privateInput(name, index: 1, value: p.y))
    }

    @Test func edwardsAddAndDoubleMatchTheNativeTwin() throws {
        var rng = SeededGenerator(seed: 91)
        var pairs: [(BabyJubJub.Point, BabyJubJub.Point)] = [(.identity, .identity), (BabyJubJub.base8, .identity)]
        let order2 = BabyJubJub.Point(uncheckedX: .zero, y: -Fr.one)
        pairs.append((BabyJubJub.generator, order2))
        for _ in 0..<4 {
            let p = Self.randomPoint(&rng)
            pairs.append((p, Self.randomPoint(&rng)))
            pairs.append((p, p))
            pairs.append((p, -p))
        }
        let result = checkCircuit({ cs, pq in
            let p = Self.input(cs, "p", pq.0), q = Self.input(cs, "q", pq.1)
            _ = cs.edwardsAdd(p, q)
            _ = cs.edwardsDouble(p)
            _ = cs.edwardsAdd(p, .constant(BabyJubJub.generator))
        }, valid: pairs)
        #expect(result.valid[0].constraintCount == 6 + 5 + 3)
        for (cs, pq) in zip(result.valid, pairs) {
            let w = ConstraintSystem(mode: .witnessOnly)
            let p = Self.input(w, "p", pq.0), q = Self.input(w, "q", pq.1)
            #expect(w.edwardsAdd(p, q).value == pq.0 + pq.1)
            #expect(w.edwardsDouble(p).value == pq.0.doubled())
            #expect(w.edwardsAdd(p, .constant(BabyJubJub.generator)).value == pq.0 + BabyJubJub.generator)
            try expectPinned(cs)
        }
    }

    @Test func onCurveRejectsOtherPoints() {
        var rng = SeededGenerator(seed: 92)
        let p = Self.randomPoint(&rng)
        checkCircuit({ cs, p in cs.enforceOnCurve(Self.input(cs, "p", p)) },
                     valid: [p, .identity, BabyJubJub.generator],
                     invalid: [.init(uncheckedX: p.x + .one, y: p.y), .init(uncheckedX: .one, y: .zero), .init(uncheckedX: .zero, y: .zero)])
    }

    @Test(arguments: [1, 2, 3, 4, 9, 64, 251, 253])
    func fixedBaseMultiplicationMatchesTheNativeTwin(bits n: Int) throws {
        var rng = SeededGenerator(seed: 93 + UInt64(n))
        let mask = (BigInteger(1) << n) - 1
        var scalars: [BigInteger] = [0, 1, mask, (BigInteger(1) << (n - 1))]
        for _ in 0..<3 { scalars.append(BigInteger(words: rng.edgyWords()).mod(BigInteger(1) << n)) }
        if n >= 251 { scalars += [BabyJubJub.subgroupOrder - 1, BabyJubJub.subgroupOrder, BabyJubJub.subgroupOrder + 1] }
        let result = checkCircuit({ cs, k in
            let bits = cs.bits(of: cs.privateInput("k", value: Fr(reducing: k)), count: n)
            _ = cs.scalarMultiply(bits, fixedBase: BabyJubJub.base8)
        }, valid: scalars)
        print("fixed-base \(n) bits: \(result.valid[0].constraintCount - n - 1) constraints")
        for (cs, k) in zip(result.valid, scalars) {
            let w = ConstraintSystem(mode: .witnessOnly)
            let bits = w.bits(of: w.privateInput("k", value: Fr(reducing: k)), count: n)
            #expect(w.scalarMultiply(bits, fixedBase: BabyJubJub.base8).value == BabyJubJub.base8.multipliedVartime(by: k), "k = \(k)")
            try expectPinned(cs)
        }
    }

    @Test(arguments: [1, 2, 3, 8, 254])
    func variableBaseMultiplicationMatchesTheNativeTwin(bits n: Int) throws {
        var rng = SeededGenerator(seed: 94 + UInt64(n))
        var cases: [(BabyJubJub.Point, BigInteger)] = []
        let p = Self.randomPoint(&rng)
        cases.append((p, 0))
        cases.append((p, (BigInteger(1) << n) - 1))
        cases.append((BabyJubJub.base8, BigInteger(1) << (n - 1)))
        for _ in 0..<3 { cases.append((Self.randomPoint(&rng), BigInteger(words: rng.edgyWords()).mod(BigInteger(1) << n))) }
        if n == 254 {
            cases = cases.map { ($0.0, $0.1.mod(Fr.modulus)) }  // a 254-bit scalar is a field element
            cases.append((p, Fr.modulus - 1))
        }
        let result = checkCircuit({ cs, c in
            let point = Self.input(cs, "P", c.0)
            let bits = n == 254 ? cs.bitsStrict(of: cs.privateInput("k", value: Fr(reducing: c.1)))
                : cs.bits(of: cs.privateInput("k", value: Fr(reducing: c.1)), count: n)
            let before = cs.constraintCount
            let table = cs.variableBaseTable(for: point, bits: n)
            let middle = cs.constraintCount
            _ = cs.scalarMultiply(bits, table: table)
            if c.1 == 0 { print("variable-base \(n) bits: table \(middle - before), multiplication \(cs.constraintCount - middle) constraints") }
        }, valid: cases)
        for (cs, c) in zip(result.valid, cases) {
            let w = ConstraintSystem(mode: .witnessOnly)
            let bits = w.bits(of: w.privateInput("k", value: Fr(reducing: c.1)), count: min(n, 253))
                + (n == 254 ? [Bit.constant(c.1.bit(253))] : [])
            #expect(w.scalarMultiply(bits, point: Self.input(w, "P", c.0)).value == c.0.multipliedVartime(by: c.1))
            try expectPinned(cs)
        }
    }
}
