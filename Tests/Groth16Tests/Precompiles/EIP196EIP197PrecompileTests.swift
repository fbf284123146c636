import Testing
import TestSupport
@testable import Groth16

/// Every vector of ../shared/vectors/eip196_197 (go-ethereum's bn256Add, bn256ScalarMul,
/// bn256Pairing and erigon's failing bn256Add): the outputs byte for byte, and a failure exactly
/// where the precompile fails.
@Suite struct EIP196EIP197PrecompileTests {
    struct Vector: Decodable {
        var Input: String
        var Expected: String?
        var ExpectedError: String?
        var Name: String
    }

    static func vectors(_ file: String) throws -> [Vector] {
        try Vectors.json([Vector].self, "eip196_197/\(file)")
    }

    /// The input bytes as the Go test harnesses read them (common.Hex2Bytes): a trailing odd
    /// nibble is dropped. The erigon failure vector has 255 hex digits, so its input is 127 bytes.
    static func decodeAsGeth(_ hex: String) -> [UInt8]? {
        [UInt8](hex: String(hex.prefix(hex.count & ~1)))
    }

    /// Runs `call` on every vector of `file`; returns how many were checked.
    @discardableResult
    func run(_ file: String, _ call: ([UInt8]) throws -> [UInt8]) throws -> Int {
        let vectors = try Self.vectors(file)
        #expect(!vectors.isEmpty, "\(file) has vectors")
        for v in vectors {
            let input = try #require(Self.decodeAsGeth(v.Input), "\(v.Name): input hex")
            if let expected = v.Expected {
                #expect(try call(input).hex == expected.lowercased(), "\(file) \(v.Name)")
            } else {
                #expect(v.ExpectedError != nil)
                #expect(throws: PrecompileError.self, "\(file) \(v.Name) must fail: \(v.ExpectedError ?? "")") {
                    try call(input)
                }
            }
        }
        return vectors.count
    }

    @Test func EIP196AddVectors() throws {
        #expect(try run("geth_bn256Add.json", EVMPrecompiles.ecAdd) == 16)
    }

    @Test func EIP196AddFailureVectors() throws {
        #expect(try run("erigon_fail-bn256Add.json", EVMPrecompiles.ecAdd) == 1)
    }

    @Test func EIP196MulVectors() throws {
        #expect(try run("geth_bn256ScalarMul.json", EVMPrecompiles.ecMul) == 19)
    }

    @Test func EIP197PairingVectors() throws {
        #expect(try run("geth_bn256Pairing.json", EVMPrecompiles.ecPairing) == 14)
    }

    @Test func EIP197PairingRejectsMalformedInput() throws {
        let g1 = G1Affine.generator.evmBytes, g2 = G2Affine.generator.evmBytes
        let valid = g1 + g2
        #expect(try EVMPrecompiles.ecPairing([]) == [UInt8](repeating: 0, count: 31) + [1])
        #expect(try EVMPrecompiles.ecPairing(valid) == [UInt8](repeating: 0, count: 32), "e(G1, G2) ≠ 1")
        #expect(try EVMPrecompiles.ecPairing(valid + (-G1Affine.generator).evmBytes + g2).last == 1)
        for count in [1, 191, 193, 383] {
            let input = [UInt8](repeating: 0, count: count)
            #expect(throws: PrecompileError.invalidInputLength(precompile: "ecPairing", count: count)) {
                try EVMPrecompiles.ecPairing(input)
            }
        }
        // The modulus q as a coordinate word.
        let q = Fp.modulus.bigEndianBytes(count: 32)!
        var badG1 = valid
        badG1.replaceSubrange(0..<32, with: q)
        #expect(throws: PrecompileError.self) { try EVMPrecompiles.ecPairing(badG1) }
        var badG2 = valid
        badG2.replaceSubrange(64..<96, with: q)
        #expect(throws: PrecompileError.self) { try EVMPrecompiles.ecPairing(badG2) }
        // G2 with real and imaginary parts swapped is not on the twist.
        var swapped = g1 + G2Affine.generator.x.c0.bigEndianBytes + G2Affine.generator.x.c1.bigEndianBytes
        swapped += G2Affine.generator.y.c0.bigEndianBytes + G2Affine.generator.y.c1.bigEndianBytes
        #expect(throws: PrecompileError.self) { try EVMPrecompiles.ecPairing(swapped) }
        // An invalid point in a pair with an infinity point is still an error.
        #expect(throws: PrecompileError.self) {
            try EVMPrecompiles.ecPairing([UInt8](repeating: 0, count: 64) + swapped[64...])
        }
    }
}
