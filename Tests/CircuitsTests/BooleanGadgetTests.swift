import Testing
import TestSupport
@testable import Circuits

@Suite struct BooleanGadgetTests {
    @Test func booleanRejectsOtherValues() {
        checkCircuit({ cs, v in _ = cs.boolean(cs.privateInput("b", value: v)) },
                     valid: [Fr.zero, .one], invalid: [Fr(2), -Fr.one])
    }

    /// and, or, xor, not and select of three boolean inputs.
    static func logic(_ cs: ConstraintSystem, _ input: (Bool, Bool, Bool)) -> [Fr] {
        let x = cs.booleanInput("a", value: input.0), y = cs.booleanInput("b", value: input.1)
        let cond = cs.booleanInput("c", value: input.2)
        let s = cs.select(cond, x.signal * Fr(10), y.signal * Fr(20))
        return [cs.and(x, y).signal.value, cs.or(x, y).signal.value, cs.xor(x, y).signal.value, x.not.signal.value, s.value]
    }

    @Test func logicMatchesTruthTables() throws {
        for a in [false, true] {
            for b in [false, true] {
                for c in [false, true] {
                    let input = (a, b, c)
                    let result = checkCircuit({ cs, i in _ = Self.logic(cs, i) }, valid: [input])
                    try expectPinned(result.valid[0])
                    let values = Self.logic(ConstraintSystem(mode: .witnessOnly), input)
                    let f: (Bool) -> Fr = { $0 ? .one : .zero }
                    #expect(values == [f(a && b), f(a || b), f(a != b), f(!a), c ? f(a) * Fr(10) : f(b) * Fr(20)])
                }
            }
        }
    }
}
