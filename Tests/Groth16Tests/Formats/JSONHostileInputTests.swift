import Foundation
import Testing
import TestSupport
@testable import Groth16

/// Malformed proof.json, public.json and verification_key.json are rejected with a
/// `FormatError` that names the value.
@Suite struct JSONHostileInputTests {
    static let r = Fr.modulus.description
    static let q = Fp.modulus.description

    static func data(_ text: String) -> Data { Data(text.utf8) }

    @Test(arguments: ["[\"0x12\"]", "[\"12a\"]", "[\"-1\"]", "[\" 1\"]", "[\"\"]", "[\"01\"]", "[\"1e3\"]",
                      "[5]", "[null]", "[[\"1\"]]", "{\"a\": \"1\"}", "\"1\"", "garbage", ""])
    func publicSignalsRejectMalformed(_ text: String) {
        let e = expectFormatError(Comment(rawValue: text)) { _ = try PublicSignalsJSON.decode(Self.data(text)) }
        #expect(e?.file == .publicSignalsJSON)
    }

    @Test func publicSignalNotBelowRNamesTheIndex() throws {
        for value in [Self.r, (Fr.modulus + 1).description, String(repeating: "9", count: 100)] {
            let e = expectFormatError { _ = try PublicSignalsJSON.decode(Self.data("[\"1\", \"2\", \"\(value)\"]")) }
            guard case .invalidScalar("public signal", 2, _) = e?.reason else {
                Issue.record("\(value): \(String(describing: e))")
                continue
            }
        }
        #expect(try PublicSignalsJSON.decode(Self.data("[\"\((Fr.modulus - 1).description)\"]")) == [-Fr.one])
    }

    static func proofText(a: [String] = ["1", "2", "1"], c: [String] = ["1", "2", "1"], b: [[String]]? = nil,
                          extra: String = "") -> String {
        let g2 = G2Affine.generator.decimalStrings
        let bText = (b ?? g2).map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" }.joined(separator: ",")
        func g1(_ s: [String]) -> String { "[" + s.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        return "{\"pi_a\": \(g1(a)), \"pi_b\": [\(bText)], \"pi_c\": \(g1(c))\(extra)}"
    }

    @Test func wellFormedProofFixtureDecodes() throws {
        let proof = try Proof(snarkjsJSON: Self.data(Self.proofText(extra: ", \"protocol\": \"groth16\", \"curve\": \"bn128\"")))
        #expect(proof == Proof(a: .generator, b: .generator, c: .generator))
    }

    @Test func proofRejectsMalformed() {
        let g2 = G2Affine.generator.decimalStrings
        let outside = FormatFixtures.g2OutsideSubgroup.decimalStrings
        let cases: [(String, String)] = [
            ("non-decimal", Self.proofText(a: ["0x1", "2", "1"])),
            ("coordinate >= q", Self.proofText(a: [Self.q, "2", "1"])),
            ("off curve", Self.proofText(c: ["1", "3", "1"])),
            ("z not 1", Self.proofText(a: ["1", "2", "2"])),
            ("G2 off the twist", Self.proofText(b: [["1", "0"], ["1", "0"], ["1", "0"]])),
            ("G2 outside the subgroup", Self.proofText(b: outside)),
            ("G2 coordinate >= q", Self.proofText(b: [[Self.q, g2[0][1]], g2[1], g2[2]])),
            ("wrong protocol", Self.proofText(extra: ", \"protocol\": \"plonk\"")),
            ("wrong curve", Self.proofText(extra: ", \"curve\": \"bls12381\"")),
            ("missing pi_c", "{\"pi_a\": [\"1\", \"2\", \"1\"], \"pi_b\": []}"),
            ("number coordinates", "{\"pi_a\": [1, 2, 1], \"pi_b\": [], \"pi_c\": []}"),
            ("not an object", "[]"),
            ("truncated", String(Self.proofText().dropLast(3))),
        ]
        for (name, text) in cases {
            let e = expectFormatError(Comment(rawValue: name)) { _ = try Proof(snarkjsJSON: Self.data(text)) }
            #expect(e?.file == .proofJSON, Comment(rawValue: name))
        }
        let e = expectFormatError { _ = try Proof(snarkjsJSON: Self.data(Self.proofText(b: outside))) }
        #expect(e?.reason == .invalidPoint(what: "pi_b", index: nil, .notInSubgroup(group: "G2")))
    }

    @Test func verificationKeyRejectsMalformed() throws {
        let valid = String(decoding: try Vectors.data("snarkjs/tutorial_multiplier5/verification_key.json"), as: UTF8.self)
        let cases: [(String, String, String)] = [
            ("nPublic disagrees with IC", "\"nPublic\": 3", "\"nPublic\": 4"),
            ("nPublic a string", "\"nPublic\": 3", "\"nPublic\": \"3\""),
            ("negative nPublic", "\"nPublic\": 3", "\"nPublic\": -1"),
            ("wrong protocol", "\"groth16\"", "\"fflonk\""),
            ("missing delta", "\"vk_delta_2\"", "\"vk_delta_3\""),
            ("alpha coordinate >= q", "3227716090421368119389636273613442913229285042472027138844423830846370504266", Self.q),
            ("alphabeta coordinate >= q", "13471194305254129307232123493479929250470424715216808700146327606736657426379", Self.q),
            ("alphabeta not decimal", "13471194305254129307232123493479929250470424715216808700146327606736657426379", "0xff"),
            ("alphabeta shape", "\"vk_alphabeta_12\": [", "\"vk_alphabeta_12\": [[],"),
        ]
        for (name, from, to) in cases {
            #expect(valid.contains(from), Comment(rawValue: name))
            let text = valid.replacingOccurrences(of: from, with: to)
            let e = expectFormatError(Comment(rawValue: name)) { _ = try VerificationKeyJSON(snarkjsJSON: Self.data(text)) }
            #expect(e?.file == .verificationKeyJSON, Comment(rawValue: name))
        }
        let e = expectFormatError { _ = try VerifyingKey(snarkjsJSON: Self.data(valid.replacingOccurrences(of: "\"nPublic\": 3", with: "\"nPublic\": 4"))) }
        #expect(e?.reason == .json(path: "IC", reason: "has 4 points, nPublic 4 requires 5"))
    }

    /// Errors say which value is wrong, by path.
    @Test func errorPathsNameTheValue() {
        var e = expectFormatError { _ = try Proof(snarkjsJSON: Self.data("{\"pi_a\": [\"1\", 2], \"pi_b\": [], \"pi_c\": []}")) }
        #expect(e?.reason == .json(path: "pi_a[1]", reason: "expected a string, found a number"))
        e = expectFormatError { _ = try Proof(snarkjsJSON: Self.data("{\"pi_a\": [\"1\", \"2\"], \"pi_b\": []}")) }
        #expect(e?.reason == .invalidPoint(what: "pi_b", index: nil,
                                           .malformedEncoding(group: "G2", reason: "expected 2 or 3 pairs of coordinates")))
        #expect(e.map { "\($0)" }?.contains("proof.json") == true)
    }
}
