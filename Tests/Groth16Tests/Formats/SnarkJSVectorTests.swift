import Foundation
import Testing
import TestSupport
@testable import Groth16

/// The decoded contents of the snarkjs/circom files in ../shared/vectors, checked against the
/// values their own JSON exports and the format spec give.
@Suite struct SnarkJSVectorTests {
    static let tutorial = "snarkjs/tutorial_multiplier5/"
    static let hermez = "snarkjs/hermez_ptau_setup/"

    // MARK: r1cs

    /// The worked example of iden3/r1csfile doc/r1cs_bin_format.md.
    @Test func r1csSpecExample() throws {
        let file = try R1CSFile(fileBytes: Vectors.data("r1cs_spec/example.r1cs"))
        let r1cs = file.r1cs
        #expect(r1cs.numWires == 7)
        #expect(r1cs.numPublicOutputs == 1)
        #expect(r1cs.numPublicInputs == 2)
        #expect(r1cs.numPrivateInputs == 3)
        #expect(file.numLabels == 1000)
        #expect(r1cs.wireLabels == [0, 3, 10, 11, 12, 15, 324])
        func lc(_ terms: [(Int, UInt64)]) -> LinearCombination {
            LinearCombination(terms.map { Term(wire: $0.0, coefficient: Fr($0.1)) })
        }
        let expected = [
            Constraint(a: lc([(5, 3), (6, 8)]), b: lc([(0, 2), (2, 20), (3, 12)]), c: lc([(0, 5), (2, 7)])),
            Constraint(a: lc([(1, 4), (4, 8), (5, 3)]), b: lc([(3, 44), (6, 6)]), c: lc([])),
            Constraint(a: lc([(6, 4)]), b: lc([(0, 6), (2, 11), (3, 5)]), c: lc([(6, 600)])),
        ]
        #expect(r1cs.constraints == expected)
    }

    /// circuit.r1cs against snarkjs's `r1cs export json` of it.
    @Test func r1csAgainstSnarkJSExport() throws {
        let file = try R1CSFile(fileBytes: Vectors.data(Self.tutorial + "circuit.r1cs"))
        let json = try #require(try Vectors.jsonObject(Self.tutorial + "circuit.r1cs.json") as? [String: Any])
        #expect(file.r1cs.numWires == json["nVars"] as? Int)
        #expect(file.r1cs.numPublicOutputs == json["nOutputs"] as? Int)
        #expect(file.r1cs.numPublicInputs == json["nPubInputs"] as? Int)
        #expect(file.r1cs.numPrivateInputs == json["nPrvInputs"] as? Int)
        #expect(Int(file.numLabels) == json["nLabels"] as? Int)
        #expect(file.r1cs.wireLabels.map { Int($0) } == json["map"] as? [Int])
        let constraints = try #require(json["constraints"] as? [[[String: String]]])
        #expect(constraints.count == file.r1cs.constraints.count)
        for (ours, theirs) in zip(file.r1cs.constraints, constraints) {
            for (lc, expected) in zip([ours.a, ours.b, ours.c], theirs) {
                var asDict: [String: String] = [:]
                for t in lc.terms { asDict[String(t.wire)] = t.coefficient.decimalString }
                #expect(asDict == expected)
            }
        }
    }

    @Test func r1csWithCustomGateSectionsKeepsThem() throws {
        let file = try R1CSFile(fileBytes: Vectors.data(Self.hermez + "prove.r1cs"))
        #expect(file.r1cs.constraints.count == 453)
        #expect(file.r1cs.numWires == 456)
        #expect(file.r1cs.numPublic == 2)
        #expect(file.otherSections.map(\.id) == [4, 5])
        #expect(file.sectionOrder == [2, 1, 3, 4, 5])
    }

    // MARK: wtns

    @Test func witnessSatisfiesCircuitAndMatchesPublicJSON() throws {
        let witness = try Witness(fileBytes: Vectors.data(Self.tutorial + "witness.wtns"))
        let r1cs = try R1CSFile(fileBytes: Vectors.data(Self.tutorial + "circuit.r1cs")).r1cs
        try r1cs.check(witness)
        let publicSignals = try PublicSignalsJSON.decode(Vectors.data(Self.tutorial + "public.json"))
        #expect(witness.publicSignals(count: r1cs.numPublic) == publicSignals)
        #expect(publicSignals.map(\.decimalString) == ["814418621763685803236", "3", "11"])
    }

    // MARK: zkey

    @Test(arguments: [(tutorial + "circuit_final.zkey", tutorial + "verification_key.json"),
                      (hermez + "prove_0001.zkey", hermez + "verification_key.json")])
    func zkeyHeaderMatchesVerificationKey(_ zkeyPath: String, _ vkPath: String) throws {
        let zkey = try ZKeyFile(fileBytes: Vectors.data(zkeyPath))
        let vk = try VerificationKeyJSON(snarkjsJSON: Vectors.data(vkPath))
        #expect(zkey.provingKey.verifyingKey == vk.key)
        #expect(zkey.provingKey.shapeProblem == nil)
    }

    /// Section 4 holds exactly the A and B entries of the r1cs plus one A row per public wire,
    /// and the domain is the smallest power of two holding the constraints and those rows.
    @Test(arguments: [(tutorial + "circuit_0000.zkey", tutorial + "circuit.r1cs"),
                      (hermez + "prove_0000.zkey", hermez + "prove.r1cs")])
    func zkeyCoefficientsMatchR1CS(_ zkeyPath: String, _ r1csPath: String) throws {
        let key = try ZKeyFile(fileBytes: Vectors.data(zkeyPath)).provingKey
        let r1cs = try R1CSFile(fileBytes: Vectors.data(r1csPath)).r1cs
        #expect(key.numVariables == r1cs.numWires)
        #expect(key.numPublic == r1cs.numPublic)
        let rows = r1cs.constraints.count + r1cs.numPublic + 1
        #expect(key.domainSize >= rows && key.domainSize / 2 < rows)
        var expected: [ProvingKey.Coefficient] = []
        for (i, c) in r1cs.constraints.enumerated() {
            for t in c.a.terms { expected.append(.init(matrix: .a, constraint: UInt32(i), signal: UInt32(t.wire), value: t.coefficient)) }
            for t in c.b.terms { expected.append(.init(matrix: .b, constraint: UInt32(i), signal: UInt32(t.wire), value: t.coefficient)) }
        }
        for s in 0...r1cs.numPublic {
            expected.append(.init(matrix: .a, constraint: UInt32(r1cs.constraints.count + s), signal: UInt32(s), value: .one))
        }
        #expect(key.coefficients == expected)
    }

    /// Phase 2 changes only δ, C, H and the transcript; the circuit hash stays.
    @Test func zkeyContributionChain() throws {
        let names = ["circuit_0000", "circuit_0001", "circuit_0002", "circuit_0003", "circuit_final"]
        let files = try names.map { try ZKeyFile(fileBytes: Vectors.data(Self.tutorial + $0 + ".zkey")) }
        for (i, file) in files.enumerated() {
            #expect(file.transcript.contributions.count == i)
            #expect(file.transcript.circuitHash == files[0].transcript.circuitHash)
            #expect(file.provingKey.ic == files[0].provingKey.ic && file.provingKey.a == files[0].provingKey.a)
            #expect(file.provingKey.b2 == files[0].provingKey.b2 && file.provingKey.coefficients == files[0].provingKey.coefficients)
            if let last = file.transcript.contributions.last {
                #expect(last.deltaAfter == file.provingKey.delta1)
                #expect(file.provingKey.delta1 != files[i - 1].provingKey.delta1)
            }
        }
        #expect(files[0].provingKey.delta1 == .generator && files[0].provingKey.delta2 == .generator)
        #expect(files[0].transcript.circuitHash.prefix(4) == [0x41, 0x8f, 0x1e, 0x2d])
        #expect(files[0].sectionOrder == ZKeyFile.setupSectionOrder)
        let beacon = try #require(files[4].transcript.contributions.last)
        #expect(beacon.kind == .beacon)
        #expect(beacon.parameters.numIterationsExp != nil && beacon.parameters.beaconHash != nil)
    }

    /// The initial zkey's H points are the odd points of the size-2n Lagrange level of the
    /// prepared ptau, and α, β come from the ptau.
    @Test func zkeyFromPreparedPtau() throws {
        let ptau = try PowersOfTauFile(fileBytes: Vectors.data(Self.hermez + "powersOfTau28_hez_final_09.ptau"))
        let key = try ZKeyFile(fileBytes: Vectors.data(Self.hermez + "prove_0000.zkey")).provingKey
        let lagrange = try #require(ptau.lagrange)
        let log2n = key.domainSize.trailingZeroBitCount
        let level = PowersOfTauLagrangeBases.level(log2n + 1)
        for i in 0..<key.domainSize { #expect(key.h[i] == lagrange.tauG1[level.lowerBound + 2 * i + 1]) }
        #expect(key.alpha1 == ptau.alphaTauG1[0])
        #expect(key.beta1 == ptau.betaTauG1[0])
        #expect(key.beta2 == ptau.betaG2)
    }

    // MARK: ptau

    @Test func ptauNewIsAllGenerators() throws {
        let ptau = try PowersOfTauFile(fileBytes: Vectors.data(Self.tutorial + "pot12_0000.ptau"))
        #expect(ptau.power == 12 && ptau.ceremonyPower == 12)
        #expect(ptau.tauG1.count == 8191 && ptau.tauG1.allSatisfy { $0 == .generator })
        #expect(ptau.tauG2.count == 4096 && ptau.tauG2.allSatisfy { $0 == .generator })
        #expect(ptau.alphaTauG1.allSatisfy { $0 == .generator } && ptau.betaTauG1.allSatisfy { $0 == .generator })
        #expect(ptau.betaG2 == .generator)
        #expect(ptau.contributions.isEmpty && ptau.lagrange == nil)
    }

    /// The last contribution's first powers are the file's; names, kinds and beacon parameters.
    @Test func ptauContributions() throws {
        let first = try PowersOfTauFile(fileBytes: Vectors.data(Self.tutorial + "pot12_0001.ptau"))
        #expect(first.contributions.count == 1)
        #expect(first.contributions[0].parameters.name == "First contribution")
        #expect(first.contributions[0].kind == .contribution)
        let beacon = try PowersOfTauFile(fileBytes: Vectors.data(Self.tutorial + "pot12_beacon.ptau"))
        #expect(beacon.contributions.count == 4)
        let last = try #require(beacon.contributions.last)
        #expect(last.kind == .beacon)
        #expect(last.parameters.numIterationsExp == 10)
        #expect(last.parameters.beaconHash == [UInt8](hex: "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"))
        for file in [first, beacon] {
            let c = try #require(file.contributions.last)
            #expect(c.tauG1 == file.tauG1[1] && c.tauG2 == file.tauG2[1])
            #expect(c.alphaG1 == file.alphaTauG1[0] && c.betaG1 == file.betaTauG1[0] && c.betaG2 == file.betaG2)
            #expect(c.partialHash.count == 216 && c.nextChallenge.count == 64)
        }
    }

    /// A prepared file: in every Lagrange level the points sum to the first power
    /// (Σ L_i(τ) = 1), and level 0 is the first power itself.
    @Test func ptauPreparedLagrangeLevels() throws {
        let ptau = try PowersOfTauFile(fileBytes: Vectors.data(Self.hermez + "powersOfTau28_hez_final_09.ptau"))
        #expect(ptau.power == 9 && ptau.ceremonyPower == 28)
        #expect(ptau.contributions.count == 55)
        #expect(ptau.contributions.last?.kind == .beacon)
        let lagrange = try #require(ptau.lagrange)
        func sum<C>(_ points: ArraySlice<AffinePoint<C>>) -> AffinePoint<C> {
            points.reduce(JacobianPoint<C>.infinity) { $0 + $1 }.affine
        }
        for k in 0...ptau.power {
            let level = PowersOfTauLagrangeBases.level(k)
            #expect(sum(lagrange.tauG1[level]) == .generator, "level \(k)")
            #expect(sum(lagrange.tauG2[level]) == .generator, "level \(k)")
            #expect(sum(lagrange.alphaTauG1[level]) == ptau.alphaTauG1[0], "level \(k)")
            #expect(sum(lagrange.betaTauG1[level]) == ptau.betaTauG1[0], "level \(k)")
        }
        #expect(sum(lagrange.tauG1[PowersOfTauLagrangeBases.level(ptau.power + 1)]) == .generator)
    }
}
