import Foundation
import Testing
import TestSupport
@testable import Groth16

/// proof.json, public.json, verification_key.json and the Solidity calldata text, reproduced
/// byte for byte from the snarkjs vectors.
@Suite struct SnarkJSJSONTests {
    static let tutorial = "snarkjs/tutorial_multiplier5/"
    static let calldata = "snarkjs/solidity_calldata/"

    static func text(_ path: String) throws -> String { String(decoding: try Vectors.data(path), as: UTF8.self) }

    /// The snarkjs CLI writes with 1-space indentation; the calldata set was re-indented with 2.
    @Test(arguments: [(tutorial, 1), (calldata, 2)])
    func proofRoundTrip(_ dir: String, _ indent: Int) throws {
        let proof = try Proof(snarkjsJSON: Vectors.data(dir + "proof.json"))
        #expect(proof.snarkjsJSON(indent: indent) == (try Self.text(dir + "proof.json")))
    }

    @Test(arguments: [(tutorial, 1), (calldata, 2)])
    func publicSignalsRoundTrip(_ dir: String, _ indent: Int) throws {
        let signals = try PublicSignalsJSON.decode(Vectors.data(dir + "public.json"))
        #expect(PublicSignalsJSON.encode(signals, indent: indent) == (try Self.text(dir + "public.json")))
    }

    @Test(arguments: [tutorial, calldata, "snarkjs/hermez_ptau_setup/"])
    func verificationKeyRoundTrip(_ dir: String) throws {
        let vk = try VerificationKeyJSON(snarkjsJSON: Vectors.data(dir + "verification_key.json"))
        #expect(vk.alphaBeta?.count == 12)
        #expect(vk.snarkjsJSON() == (try Self.text(dir + "verification_key.json")))
    }

    /// The verification key exported from the final zkey, with snarkjs's alphabeta supplied,
    /// is the vector file byte for byte.
    @Test func verificationKeyFromZKey() throws {
        let zkey = try ZKeyFile(fileBytes: Vectors.data(Self.tutorial + "circuit_final.zkey"))
        let vector = try VerificationKeyJSON(snarkjsJSON: Vectors.data(Self.tutorial + "verification_key.json"))
        let exported = VerificationKeyJSON(key: zkey.provingKey.verifyingKey, alphaBeta: vector.alphaBeta)
        #expect(exported.snarkjsJSON() == (try Self.text(Self.tutorial + "verification_key.json")))
        let withoutAlphaBeta = VerificationKeyJSON(key: zkey.provingKey.verifyingKey, alphaBeta: nil).snarkjsJSON()
        #expect(!withoutAlphaBeta.contains("vk_alphabeta_12"))
        #expect(try VerifyingKey(snarkjsJSON: Data(withoutAlphaBeta.utf8)) == zkey.provingKey.verifyingKey)
    }

    @Test func solidityCalldata() throws {
        let proof = try Proof(snarkjsJSON: Vectors.data(Self.calldata + "proof.json"))
        let signals = try PublicSignalsJSON.decode(Vectors.data(Self.calldata + "public.json"))
        #expect(SolidityCalldata.snarkjsText(proof: proof, publicSignals: signals) == (try Self.text(Self.calldata + "calldata.txt")))
    }

    /// snarkjs's CLI (bfj) writes an empty array as "[", newline, "]".
    @Test func emptyPublicSignals() throws {
        #expect(PublicSignalsJSON.encode([]) == "[\n]")
        #expect(try PublicSignalsJSON.decode(Data("[\n]".utf8)) == [])
    }

    @Test func pointAtInfinityInProof() throws {
        let proof = Proof(a: .infinity, b: .infinity, c: .generator)
        let text = proof.snarkjsJSON()
        #expect(text.contains("\"pi_a\": [\n  \"0\",\n  \"1\",\n  \"0\"\n ]"))
        #expect(try Proof(snarkjsJSON: Data(text.utf8)) == proof)
    }
}
