import Foundation
import Testing
import TestSupport
@testable import Groth16

/// The prover and verifier against snarkjs's files: their proof verifies with our verifier,
/// our proof from their key and witness verifies with their verification key (and with
/// py_ecc), and every kind of tampering is refused.
@Suite struct Groth16ProverTests {
    static let dir = "snarkjs/tutorial_multiplier5/"

    let zkey: ZKeyFile
    let witness: Witness
    let vk: VerifyingKey
    let signals: [Fr]

    init() throws {
        zkey = try ZKeyFile(contentsOf: Vectors.url(Self.dir + "circuit_final.zkey"))
        witness = try Witness(contentsOf: Vectors.url(Self.dir + "witness.wtns"))
        vk = try VerifyingKey(snarkjsJSON: Vectors.data(Self.dir + "verification_key.json"))
        signals = try PublicSignalsJSON.decode(Vectors.data(Self.dir + "public.json"))
    }

    @Test func snarkjsProofVerifies() throws {
        let proof = try Proof(snarkjsJSON: Vectors.data(Self.dir + "proof.json"))
        #expect(try Groth16Verifier.verify(proof, publicSignals: signals, key: vk))
        for dir in ["snarkjs/solidity_calldata/"] {
            let otherKey = try VerifyingKey(snarkjsJSON: Vectors.data(dir + "verification_key.json"))
            let otherProof = try Proof(snarkjsJSON: Vectors.data(dir + "proof.json"))
            let otherSignals = try PublicSignalsJSON.decode(Vectors.data(dir + "public.json"))
            #expect(try Groth16Verifier.verify(otherProof, publicSignals: otherSignals, key: otherKey))
        }
    }

    @Test func ourProofFromTheirKeyVerifiesWithTheirVerificationKey() throws {
        let prover = try Groth16Prover(key: zkey.provingKey)
        #expect(prover.publicSignals(witness) == signals)
        for _ in 0..<3 {
            let (proof, timings) = try prover.prove(witness)
            #expect(try Groth16Verifier.verify(proof, publicSignals: signals, key: vk))
            #expect(timings.total > 0)
        }
        // Fresh blinding gives different proofs of the same statement.
        let p1 = try prover.prove(witness).proof, p2 = try prover.prove(witness).proof
        #expect(p1 != p2)
    }

    @Test func tamperingIsRefused() throws {
        let prepared = try PreparedVerifyingKey(vk)
        let proof = try Groth16Prover(key: zkey.provingKey).prove(witness).proof
        var doubledA = proof
        doubledA.a = proof.a.jacobian.doubled().affine
        var swappedAC = proof
        (swappedAC.a, swappedAC.c) = (proof.c, proof.a)
        var otherB = proof
        otherB.b = proof.b.jacobian.doubled().affine
        for bad in [doubledA, swappedAC, otherB] {
            #expect(try !Groth16Verifier.verify(bad, publicSignals: signals, key: prepared))
        }
        #expect(try !Groth16Verifier.verify(proof, publicSignals: [signals[1], signals[0], signals[2]], key: prepared))
        #expect(try !Groth16Verifier.verify(proof, publicSignals: [signals[0] + .one, signals[1], signals[2]], key: prepared))
        #expect(throws: Groth16Error.publicInputCount(expected: 3, got: 2)) {
            try Groth16Verifier.verify(proof, publicSignals: Array(signals.prefix(2)), key: prepared)
        }
        var offCurve = proof
        offCurve.a = G1Affine(uncheckedX: proof.a.x, y: proof.a.y + .one)
        #expect(throws: Groth16Error.invalidProofPoint(element: "A", reason: "not on the curve")) {
            try Groth16Verifier.verify(offCurve, publicSignals: signals, key: prepared)
        }
        // A twist point outside the order-r subgroup as B.
        var x = Fp2(Fp(3), Fp(1))
        var outside: G2Affine?
        while outside == nil {
            if let y = (x.squared() * x + G2Parameters.b).squareRoot() {
                let p = G2Affine(uncheckedX: x, y: y)
                if !p.isInPrimeOrderSubgroup { outside = p }
            }
            x = x + .one
        }
        var badB = proof
        badB.b = outside!
        #expect(throws: Groth16Error.invalidProofPoint(element: "B", reason: "not in the subgroup")) {
            try Groth16Verifier.verify(badB, publicSignals: signals, key: prepared)
        }
        // Inputs >= r never reach the verifier: public.json parsing refuses them.
        #expect(throws: (any Error).self) {
            try PublicSignalsJSON.decode(Data("[\"\(Fr.modulus)\",\"1\",\"2\"]".utf8))
        }
    }

    @Test func aWitnessViolatingOneConstraintGivesNoValidProof() throws {
        let r1cs = try R1CSFile(contentsOf: Vectors.url(Self.dir + "circuit.r1cs")).r1cs
        let prover = try Groth16Prover(key: zkey.provingKey)
        // Change one internal wire: the constraint system rejects it, and so does the verifier.
        for wire in (r1cs.numPublic + 1)..<r1cs.numWires {
            var bad = witness
            bad.values[wire] = bad.values[wire] + .one
            #expect(r1cs.firstUnsatisfiedConstraint(bad) != nil)
            let proof = try prover.prove(bad).proof
            #expect(try !Groth16Verifier.verify(proof, publicSignals: signals, key: vk), "wire \(wire)")
        }
        #expect(throws: Groth16Error.witnessLength(expected: 8, got: 7)) {
            try prover.prove(Witness(values: Array(witness.values.dropLast())))
        }
        var notOne = witness
        notOne.values[0] = Fr(2)
        #expect(throws: Groth16Error.constantWireNotOne) { try prover.prove(notOne) }
    }

    @Test func developmentKeysProveAndVerify() throws {
        let r1cs = try R1CSFile(contentsOf: Vectors.url(Self.dir + "circuit.r1cs")).r1cs
        let key = DevelopmentSetup.insecureKeys(for: r1cs)
        #expect(key.shapeProblem == nil)
        let proof = try Groth16Prover(key: key).prove(witness).proof
        #expect(try Groth16Verifier.verify(proof, publicSignals: signals, key: key.verifyingKey))
        #expect(try !Groth16Verifier.verify(proof, publicSignals: signals, key: vk), "another key's proof")
        // The key round-trips through the .zkey format and still proves.
        let file = ZKeyFile(provingKey: key, transcript: Phase2Transcript(circuitHash: [UInt8](repeating: 0, count: 64)))
        let reread = try ZKeyFile(fileBytes: file.fileBytes())
        let again = try Groth16Prover(key: reread.provingKey).prove(witness).proof
        #expect(try Groth16Verifier.verify(again, publicSignals: signals, key: key.verifyingKey))
    }

    @Test(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with py_ecc (make test sets it)"))
    func pyEccVerifiesOurProof() throws {
        struct Request: Encodable { var vkey: JSONValueBox; var proof: JSONValueBox; var `public`: [String] }
        struct Response: Decodable { var valid: Bool }
        let proof = try Groth16Prover(key: zkey.provingKey).prove(witness).proof
        let vkJSON = try JSONValueBox(Vectors.data(Self.dir + "verification_key.json"))
        var tampered = proof
        tampered.c = proof.c.jacobian.doubled().affine
        for (p, expected) in [(proof, true), (tampered, false)] {
            let r: Response = try PythonOracle.ask("py_ecc_groth16_oracle.py", Request(
                vkey: vkJSON, proof: try JSONValueBox(Data(p.snarkjsJSON().utf8)), public: signals.map(\.decimalString)))
            #expect(r.valid == expected)
        }
    }
}

/// Passes a JSON document through an Encodable request unchanged.
struct JSONValueBox: Encodable {
    let object: Any

    init(_ data: Data) throws { object = try JSONSerialization.jsonObject(with: data) }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(AnyJSON(object))
    }

    struct AnyJSON: Encodable {
        let value: Any
        init(_ value: Any) { self.value = value }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch value {
            case let s as String: try c.encode(s)
            case let n as NSNumber: try c.encode(n.doubleValue)
            case let a as [Any]: try c.encode(a.map(AnyJSON.init))
            case let o as [String: Any]: try c.encode(o.mapValues(AnyJSON.init))
            default: try c.encodeNil()
            }
        }
    }
}
