import Foundation
import Testing
import TestSupport
@testable import Groth16

@Suite("Ceremony hashing and sampling")
struct CeremonyHashingTests {
    @Test("Resumable BLAKE2b agrees with libsodium, through a saved and resumed state")
    func resumableBlake2b() {
        var g = SeededGenerator(seed: 7)
        for length in [0, 1, 63, 64, 127, 128, 129, 255, 256, 257, 1000, 4096] {
            let data = g.bytes(length)
            let split = length / 3
            var h = ResumableBlake2b()
            h.update(Array(data[..<split]))
            guard var resumed = ResumableBlake2b(partialState: h.partialState) else {
                Issue.record("state did not round-trip")
                return
            }
            resumed.update(Array(data[split...]))
            #expect(resumed.finalize() == Blake2b512.hash(data), "length \(length)")
        }
    }

    @Test("A partial state with more than 128 buffered bytes is refused")
    func malformedPartialState() {
        var state = ResumableBlake2b().partialState
        state[200] = 129
        #expect(ResumableBlake2b(partialState: state) == nil)
    }

    @Test("SHA-256 of 'abc' (FIPS 180-2 vector) and its iteration")
    func sha256Vector() {
        #expect(sha256(Array("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var h = sha256(Array("abc".utf8))
        sha256Iterate(&h, count: 2)
        #expect(h == sha256(sha256(sha256(Array("abc".utf8)))))
    }

    @Test("ChaCha20 block function: RFC 7539 section 2.3.2")
    func chachaBlock() {
        // Key 00..1f; block counter 1 and nonce 00000009 0000004a 00000000 fill words 12-15,
        // which ffjavascript's generator uses as one 128-bit counter.
        var key: [UInt32] = []
        for i in 0..<8 {
            var word: UInt32 = 0
            for j in 0..<4 { word |= UInt32(4 * i + j) << UInt32(8 * j) }
            key.append(word)
        }
        var rng = ChaChaGenerator(seed: key, counter: [1, 0x0900_0000, 0x4a00_0000, 0])
        let expected: [UInt32] = [
            0xe4e7_f110, 0x1559_3bd1, 0x1fdd_0f50, 0xc471_20a3, 0xc7f4_d1c7, 0x0368_c033, 0x9aaa_2204, 0x4e6c_d4c3,
            0x4664_82d2, 0x09aa_9f07, 0x05d7_c214, 0xa202_8bd9, 0xd19c_12b5, 0xb94e_16de, 0xe883_d0cb, 0x4e3c_50a2,
        ]
        #expect((0..<16).map { _ in rng.nextU32() } == expected)
    }
}

@Suite("Endomorphism split")
struct EndomorphismSplitTests {
    static func scalars() -> [Fr] {
        var g = SeededGenerator(seed: 11)
        var values: [Fr] = [.zero, .one, -Fr.one, Fr(2), -Fr(2), Fr.rootOfUnity(log2Order: 16)]
        for _ in 0..<40 { values.append(Fr(reducingLimbs: (g.edgyWord(), g.edgyWord(), g.edgyWord(), g.edgyWord()))) }
        return values
    }

    @Test("GLV on G1 equals the plain wNAF multiplication")
    func g1() {
        let p = G1Affine.generator.jacobian.multipliedVartime(by: Fr(12345)).affine.jacobian
        for k in Self.scalars() { #expect(p.multipliedSplit(by: k) == p.multipliedVartime(by: k), "\(k.hexString)") }
    }

    @Test("GLS on G2 equals the plain wNAF multiplication")
    func g2() {
        let p = G2Affine.generator.jacobian.multipliedVartime(by: Fr(777))
        for k in Self.scalars().prefix(20) { #expect(p.multipliedSplit(by: k) == p.multipliedVartime(by: k), "\(k.hexString)") }
    }

    @Test("the split halves are short and recombine to k")
    func splitIsShort() {
        for k in Self.scalars() {
            let s = G1Parameters.split.split(k)
            #expect(s.k1.bitWidth <= 128 && s.k2.bitWidth <= 128)
        }
    }
}
