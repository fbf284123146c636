import Testing
import TestSupport
@testable import Groth16

@Suite struct FieldEncodingTests {
    func checkEncodings<P: MontgomeryParameters>(_: P.Type, seed: UInt64) throws {
        typealias F = MontgomeryField<P>
        let m = F.modulus
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<2_000 {
            let a = BigInteger(words: rng.edgyWords()).mod(m)
            let x = try F(canonical: a)
            #expect(try F(decimal: x.decimalString) == x)
            #expect(x.decimalString == a.description)
            #expect(try F(hex: x.hexString) == x)
            #expect(x.hexString.count == 66)
            #expect(try F(canonicalBigEndian: x.bigEndianBytes) == x)
            #expect(try F(canonicalLittleEndian: x.littleEndianBytes) == x)
            #expect(x.bigEndianBytes == a.bigEndianBytes(count: 32))
            #expect(F(reducingBigEndian: x.bigEndianBytes) == x)
            let mont = x.montgomeryLimbs
            #expect(try F(canonicalMontgomery: mont) == x)
            #expect(BigInteger(words: [mont.0, mont.1, mont.2, mont.3]) == (a << 256).mod(m))
        }
    }

    @Test func fpEncodingsRoundTrip() throws { try checkEncodings(FpParameters.self, seed: 10) }
    @Test func frEncodingsRoundTrip() throws { try checkEncodings(FrParameters.self, seed: 11) }

    @Test func canonicalDecodingRejectsValuesAtOrAboveModulus() throws {
        for value in [Fr.modulus, Fr.modulus + 1, (BigInteger(1) << 256) - 1] {
            let bytes = value.bigEndianBytes(count: 32)!
            #expect(throws: FieldError.self) { try Fr(canonicalBigEndian: bytes) }
            #expect(throws: FieldError.self) { try Fr(decimal: value.description) }
            #expect(throws: FieldError.self) { try Fr(hex: value.toString(radix: 16)) }
            #expect(Fr(reducingBigEndian: bytes) == Fr(reducing: value))
        }
        #expect(throws: FieldError.self) { try Fp(canonical: Fp.modulus) }
        #expect(try Fp(canonical: Fp.modulus - 1) == -Fp.one)
    }

    @Test func decimalParsingIsStrict() throws {
        for bad in ["", " 1", "1 ", "+1", "-1", "01", "0x10", "1e3", "１", "12a", String(repeating: "9", count: 100)] {
            #expect(throws: FieldError.self, "\(bad)") { try Fr(decimal: bad) }
        }
        #expect(try Fr(decimal: "0") == .zero)
        #expect(throws: FieldError.self) { try Fr(canonicalBigEndian: [UInt8](repeating: 0, count: 31)) }
    }

    @Test func randomElementsAreCanonicalAndDistinct() {
        let xs = (0..<100).map { _ in Fr.random() }
        #expect(Set(xs).count == 100)
        for x in xs { #expect(x.bigInteger < Fr.modulus) }
    }

    @Test func rootsOfUnityHaveExactOrder() {
        for k in [0, 1, 2, 10, 28] {
            let w = Fr.rootOfUnity(log2Order: k)
            var x = w
            for _ in 0..<k { x = x.squared() }
            #expect(x == .one)
            if k > 0 {
                var y = w
                for _ in 0..<(k - 1) { y = y.squared() }
                #expect(y == -Fr.one)
            }
        }
    }

    @Test func batchInversionMatchesSingleInversions() {
        var rng = SeededGenerator(seed: 5)
        var xs = (0..<50).map { i in i % 7 == 0 ? Fp.zero : Fp(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next() >> 2)) }
        let expected = xs.map { $0.inverse() ?? .zero }
        Fp.batchInvert(&xs)
        #expect(xs == expected)
    }
}
