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

/// The native decimal conversion (`DecimalLimbs`) against GMP, on every length up to the
/// parser's 80-digit limit, values on both sides of the modulus and of 2^256.
@Suite struct DecimalConversionTests {
    @Test func parsingAgreesWithGMP() throws {
        var rng = SeededGenerator(seed: 77)
        var texts = ["0", "1", "9", "10", "9999999999999999999", "10000000000000000000", "18446744073709551615",
                     "18446744073709551616", Fr.modulus.description, (Fr.modulus - 1).description,
                     ((BigInteger(1) << 256) - 1).description, (BigInteger(1) << 256).description,
                     String(repeating: "9", count: 80)]
        for length in 1...80 {
            for _ in 0..<20 {
                var digits = [UInt8](repeating: 0, count: length)
                for i in 0..<length { digits[i] = UInt8(ascii: "0") + UInt8(rng.next() % 10) }
                if length > 1 && digits[0] == UInt8(ascii: "0") { digits[0] = UInt8(ascii: "1") }
                texts.append(String(decoding: digits, as: UTF8.self))
            }
        }
        for text in texts {
            let value = BigInteger(text, radix: 10)!
            if value < Fr.modulus {
                let x = try Fr(decimal: text)
                #expect(x.bigInteger == value, "\(text)")
                #expect(x.decimalString == text)
            } else {
                #expect(throws: FieldError.nonCanonical(field: "Fr", value: text), "\(text)") { try Fr(decimal: text) }
            }
        }
    }

    @Test func formattingAgreesWithGMP() {
        var rng = SeededGenerator(seed: 78)
        for _ in 0..<2_000 {
            let limbs = rng.edgyWords()
            let expected = BigInteger(words: limbs).description
            #expect(DecimalLimbs.format((limbs[0], limbs[1], limbs[2], limbs[3])) == expected)
        }
        #expect(DecimalLimbs.format((0, 0, 0, 0)) == "0")
        #expect(DecimalLimbs.format((.max, .max, .max, .max)) == ((BigInteger(1) << 256) - 1).description)
        #expect(DecimalLimbs.format((DecimalLimbs.chunkBase, 0, 0, 0)) == "10000000000000000000")
    }

    @Test func shortBigEndianInputsNeedNoReduction() {
        var rng = SeededGenerator(seed: 79)
        for length in 0..<32 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            #expect(Fr(reducingBigEndian: bytes) == Fr(reducing: BigInteger(bigEndian: bytes)))
        }
    }
}
