import Foundation
import Testing
import TestSupport
@testable import Circuits

@Suite struct PoseidonTests {
    struct HashVectors: Decodable {
        struct Vector: Decodable {
            let id: String
            let t: Int
            let inputs: [String]
            let initState: String
            let nOut: Int
            let expected: [String]
        }
        let vectors: [Vector]
    }

    struct ConstantsFile: Decodable {
        let C: [[String]]
        let M: [[[String]]]
    }

    @Test(arguments: Array(PoseidonParameters.widths))
    func generatedConstantsEqualCircomlibjs(width t: Int) throws {
        let file = try Vectors.json(ConstantsFile.self, "poseidon/circomlibjs_poseidon_constants.json")
        let p = PoseidonParameters.forWidth(t)
        #expect(p.roundConstants == (try file.C[t - 2].map { try Fr(hex: $0) }))
        #expect(p.mds == (try file.M[t - 2].map { try $0.map { try Fr(hex: $0) } }))
        #expect(p.roundConstants.count == (8 + PoseidonParameters.partialRounds[t - 2]) * t)
    }

    @Test func hashesEqualTheVectors() throws {
        let file = try Vectors.json(HashVectors.self, "poseidon/poseidon_circomlib_vectors.json")
        #expect(file.vectors.count == 28)
        for v in file.vectors {
            let inputs = try v.inputs.map { try Fr(decimal: $0) }
            #expect(inputs.count + 1 == v.t)
            let expected = try v.expected.map { try Fr(decimal: $0) }
            let got = try Poseidon.hash(inputs, initialState: try Fr(decimal: v.initState), outputs: v.nOut)
            #expect(got == expected, "\(v.id)")
            if v.nOut == 1 && v.initState == "0" { #expect(try Poseidon.hash(inputs) == expected[0], "\(v.id)") }
        }
    }

    /// The textbook permutation (dense MDS in every round), as circomlibjs' reference code.
    static func referencePermutation(_ input: [Fr]) -> [Fr] {
        let p = PoseidonParameters.forWidth(input.count)
        var state = input
        let t = p.width
        for round in 0..<(8 + p.partialRoundCount) {
            for i in 0..<t { state[i] += p.roundConstants[round * t + i] }
            let full = round < 4 || round >= 4 + p.partialRoundCount
            for i in 0..<(full ? t : 1) { state[i] = state[i].squared().squared() * state[i] }
            state = (0..<t).map { i in (0..<t).reduce(Fr.zero) { $0 + p.mds[i][$1] * state[$1] } }
        }
        return state
    }

    @Test(arguments: Array(PoseidonParameters.widths))
    func sparsePartialRoundsEqualTheReference(width t: Int) {
        var rng = SeededGenerator(seed: 300 + UInt64(t))
        for _ in 0..<3 {
            let input = (0..<t).map { _ in Fr(reducingLimbs: (rng.edgyWord(), rng.edgyWord(), rng.edgyWord(), rng.edgyWord())) }
            var state = input
            Poseidon.permute(&state)
            #expect(state == Self.referencePermutation(input))
        }
    }

    @Test func rejectsBadArity() {
        #expect(throws: Poseidon.Error.inputCount(0)) { try Poseidon.hash([]) }
        #expect(throws: Poseidon.Error.inputCount(17)) { try Poseidon.hash(Array(repeating: .one, count: 17)) }
        #expect(throws: Poseidon.Error.outputCount(requested: 4, width: 3)) {
            try Poseidon.hash([.one, .one], initialState: .zero, outputs: 4)
        }
    }

    /// circomlib's Poseidon(n): 3 constraints per S-box, minus the constant first S-box.
    static func circomlibConstraints(inputs n: Int) -> Int {
        let t = n + 1
        return 3 * (8 * t + PoseidonParameters.partialRounds[t - 2] - 1)
    }

    @Test(arguments: [1, 2, 3, 5, 6, 16])
    func circuitEqualsNativeAndIsPinned(inputs n: Int) throws {
        var rng = SeededGenerator(seed: 70 + UInt64(n))
        var assignments: [[Fr]] = [[Fr](repeating: .zero, count: n)]
        for _ in 0..<2 { assignments.append((0..<n).map { _ in Fr(reducingLimbs: (rng.edgyWord(), rng.edgyWord(), rng.edgyWord(), rng.edgyWord())) }) }
        let result = checkCircuit({ cs, xs in
            let inputs = xs.enumerated().map { cs.privateInput("in", index: $0.offset, value: $0.element) }
            cs.publicOutput("hash", equals: cs.poseidon(inputs))
        }, valid: assignments)
        let cs = result.valid[0]
        #expect(cs.constraintCount == Self.circomlibConstraints(inputs: n) + 1, "plus the public output")
        print("Poseidon(\(n)): \(cs.constraintCount - 1) constraints (circomlib \(Self.circomlibConstraints(inputs: n)))")
        for (system, xs) in zip(result.valid, assignments) {
            #expect(system.publicSignals() == [try Poseidon.hash(xs)])
            try expectPinned(system)
        }
        // A wrong public hash is rejected.
        var values = cs.witnessValues
        let out = (1..<cs.wireCount).first { cs.kind(ofWire: $0) == .publicOutput }!
        values[out] += .one
        #expect(cs.firstUnsatisfiedConstraint(values: values)?.label == "hash")
    }

    @Test func constraintCountsForEveryArity() {
        for n in 1...16 {
            let cs = ConstraintSystem(mode: .constraintsOnly)
            _ = cs.poseidon((0..<n).map { cs.privateInput("in", index: $0, value: .zero) })
            #expect(cs.constraintCount == Self.circomlibConstraints(inputs: n), "Poseidon(\(n))")
        }
    }

    @Test func poseidonExWithInitialStateAndOutputs() throws {
        let xs = (1...4).map { Fr(UInt64($0)) }
        let cs = ConstraintSystem()
        let inputs = xs.map { cs.privateInput("in", value: $0) }
        let init7 = cs.privateInput("init", value: Fr(7))
        let outs = cs.poseidon(inputs, initialState: init7, outputs: 3)
        #expect(outs.map(\.value) == (try Poseidon.hash(xs, initialState: Fr(7), outputs: 3)))
        #expect(cs.constraintCount == 3 * (8 * 5 + 60))
        #expect(cs.firstUnsatisfiedConstraint() == nil)
    }
}

@Suite struct FieldLinearAlgebraTests {
    @Test func characteristicPolynomialAndRoots() {
        // A = P·diag(2, 3, 3, 5)·P⁻¹ with a unipotent P: eigenvalues 2, 3, 5 in Fr.
        let n = 4
        let p = FieldMatrix(rows: n, columns: n) { i, j in i == j ? .one : (j > i ? Fr(UInt64(i + 2 * j + 1)) : .zero) }
        let d = FieldMatrix(rows: n, columns: n) { i, j in i == j ? Fr([2, 3, 3, 5][i]) : .zero }
        // Inverse of the unipotent upper-triangular P by back substitution.
        var pinv = FieldMatrix.identity(n)
        for col in 0..<n {
            for i in stride(from: n - 1, through: 0, by: -1) {
                var acc = i == col ? Fr.one : .zero
                for k in (i + 1)..<n { acc -= p[i, k] * pinv[k, col] }
                pinv[i, col] = acc
            }
        }
        #expect(p * pinv == .identity(n))
        let a = p * d * pinv
        let charPoly = a.characteristicPolynomial()
        let expected = [Fr(2), Fr(3), Fr(3), Fr(5)].reduce(FieldPolynomial([.one])) { $0 * FieldPolynomial([-$1, .one]) }
        #expect(charPoly == expected)
        #expect(Set(charPoly.roots()) == [Fr(2), Fr(3), Fr(5)])
        #expect(a.shifted(by: Fr(3)).rightKernel().count == 2)
        // x² + 1 has no root in Fr (r ≡ 1 mod 4 gives it roots; x² − 5 has none: 5 is a non-residue).
        #expect(FieldPolynomial([-Fr(5), .zero, .one]).roots().isEmpty)
        #expect(Set(FieldPolynomial([-Fr(4), .zero, .one]).roots()) == [Fr(2), -Fr(2)])
    }

    @Test func securityChecksRejectWeakMatrices() {
        #expect(!MDSSecurity.isSecure(.identity(3)), "a scalar matrix")
        // Block diagonal: e₀'s orbit stays in the first block.
        let block = FieldMatrix(rows: 3, columns: 3) { i, j in (i < 2 && j < 2) ? Fr(UInt64(1 + i + 2 * j)) : (i == j ? Fr(7) : .zero) }
        #expect(!MDSSecurity.hasNoIterativeSubspaceTrail(block))
        var lfsr = GrainLFSR(field: 1, sbox: 0, fieldBits: 254, width: 3, fullRounds: 8, partialRounds: 57)
        #expect(MDSSecurity.isSecure(PoseidonParameters.cauchyMatrix(width: 3, &lfsr)))
    }
}
