import Testing
import TestSupport
@testable import Circuits

@Suite struct BuilderTests {
    @Test func signalsMergeDuplicateWiresAndDropZeros() {
        let cs = ConstraintSystem()
        let x = cs.privateInput("x", value: Fr(3))
        let y = cs.privateInput("y", value: Fr(5))
        let s = (x + y) * Fr(2) - x - x
        #expect(s.terms == [WireTerm(wire: 2, coefficient: Fr(2))])
        #expect(s.value == Fr(10))
        let zero = x - x
        #expect(zero.terms.isEmpty && zero.value.isZero)
        #expect(!zero.isConstant, "constness is structural")
        let c = Signal.constant(7) + 3 - Signal.constant(2) * Fr(5)
        #expect(c.isConstant && c.constantTerm == .zero)
        let many = Signal.sum([x, y, x, .constant(4)], coefficients: [Fr(1), Fr(2), -Fr(1), Fr(3)])
        #expect(many.terms == [WireTerm(wire: 2, coefficient: Fr(2))])
        #expect(many.constantTerm == Fr(12) && many.value == Fr(22))
        #expect(cs.constraintCount == 0, "linear arithmetic records nothing")
    }

    @Test func productFoldsConstants() {
        let cs = ConstraintSystem()
        let x = cs.privateInput("x", value: Fr(3))
        let y = cs.product(x, .constant(4), "scaled")
        #expect(cs.constraintCount == 0 && y.value == Fr(12))
        let z = cs.product(x, y, "xy")
        #expect(cs.constraintCount == 1 && z.value == Fr(36))
        #expect(cs.firstUnsatisfiedConstraint() == nil)
    }

    @Test func exportUsesTheIden3WireOrder() throws {
        let cs = ConstraintSystem()
        let secret = cs.privateInput("secret", value: Fr(3))
        let square = cs.product(secret, secret, "square")
        let claimed = cs.publicInput("claimed", value: Fr(9))
        let other = cs.privateInput("other", value: Fr(2))
        cs.enforce(square == claimed, "square = claimed")
        cs.publicOutput("double", equals: other * Fr(2))
        let r1cs = cs.makeR1CS()
        #expect(r1cs.numWires == 6 && r1cs.numPublicOutputs == 1 && r1cs.numPublicInputs == 1)
        #expect(r1cs.numPrivateInputs == 2 && r1cs.constraints.count == 3)
        let w = cs.makeWitness()
        // 1, output, public input, private inputs in order, internal wires.
        #expect(w.values == [Fr(1), Fr(4), Fr(9), Fr(3), Fr(2), Fr(9)])
        #expect(cs.publicSignals() == [Fr(4), Fr(9)])
        try r1cs.check(w)
        #expect(r1cs.wireLabels == [0, 5, 3, 1, 4, 2])
        for c in r1cs.constraints {
            for lc in [c.a, c.b, c.c] { #expect(lc.terms.map(\.wire) == lc.terms.map(\.wire).sorted()) }
        }
    }

    @Test func checkerNamesTheFailingConstraint() {
        let cs = ConstraintSystem()
        cs.scope("trace", index: 3) {
            cs.scope("signature") {
                let s = cs.privateInput("S", value: Fr(5))
                let t = cs.witness("t") { Fr(6) }
                cs.enforce(s == t, "S < l")
            }
        }
        let failure = cs.firstUnsatisfiedConstraint()
        #expect(failure == ConstraintFailure(index: 0, label: "trace[3].signature.S < l"))
        #expect(cs.wireLabel(2) == "trace[3].signature.t")
        #expect(throws: ConstraintFailure.self) { try cs.check() }
    }

    @Test func pinningAnalysisFindsFreeAndTwoValuedWires() throws {
        let cs = ConstraintSystem()
        let x = cs.privateInput("x", value: Fr(2))
        let free = cs.witness("free") { Fr(7) }
        let b = cs.witness("b") { .one }
        _ = cs.boolean(b)
        let pinned = cs.product(x, x, "x²")
        _ = pinned
        let analysis = try PinningAnalysis(cs)
        #expect(analysis.pinning(ofWire: 2) == .unconstrained)
        #expect(analysis.pinning(ofWire: 3) == .alternative(.zero))
        #expect(analysis.pinning(ofWire: 4) == .pinned)
        #expect(analysis.pinning(ofWire: 1) == .alternative(-Fr(2)), "x = −2 gives the same square")
        #expect(analysis.isSatisfied(settingWire: 3, to: .zero))
        #expect(!analysis.isSatisfied(settingWire: 3, to: Fr(2)))
        #expect(free.value == Fr(7))
    }
}
