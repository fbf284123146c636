import Testing
import TestSupport
@testable import Groth16

/// Differential tests of Fp and Fr against GMP: every operation on 10,000 seeded random
/// values plus an edge table, compared with the same operation on big integers mod m.
@Suite struct FieldOracleTests {
    static let cases = 10_000

    /// Edge values: 0, 1, 2, m-1, m-2, 2^64-1 in each limb, values just below m, high Hamming weight.
    static func edgeValues(_ m: BigInteger) -> [BigInteger] {
        var values: [BigInteger] = [0, 1, 2, 3, m - 1, m - 2, m - 3, (m - 1) >> 1, (m + 1) >> 1]
        for limb in 0..<4 { values.append(BigInteger(words: [UInt64.max]) << (64 * limb)) }
        for limb in 0..<4 { values.append((BigInteger(1) << (64 * limb)) - 1) }
        for k in [63, 64, 127, 128, 191, 192, 252, 253] { values.append(BigInteger(1) << k) }
        values.append((BigInteger(1) << 254) - 1)
        values.append(m - (BigInteger(1) << 64))
        values.append(m - (BigInteger(1) << 128))
        return values.map { $0.mod(m) }
    }

    static func randomValues(_ m: BigInteger, seed: UInt64) -> [BigInteger] {
        var rng = SeededGenerator(seed: seed)
        return (0..<cases).map { _ in
            BigInteger(words: rng.edgyWords()).mod(m)
        }
    }

    func checkAgainstGMP<P: MontgomeryParameters>(_: P.Type, seed: UInt64) throws {
        typealias F = MontgomeryField<P>
        let m = F.modulus
        let edges = Self.edgeValues(m)
        let randoms = Self.randomValues(m, seed: seed)
        var rng = SeededGenerator(seed: seed ^ 0xABCDEF)
        // Pairs: every edge with every edge, then random pairs.
        var pairs: [(BigInteger, BigInteger)] = []
        for a in edges { for b in edges { pairs.append((a, b)) } }
        for i in 0..<Self.cases { pairs.append((randoms[i], randoms[Int(rng.next() % UInt64(Self.cases))])) }

        for (a, b) in pairs {
            let x = try F(canonical: a), y = try F(canonical: b)
            #expect((x + y).bigInteger == (a + b).mod(m), "add \(a) \(b)")
            #expect((x - y).bigInteger == (a - b).mod(m), "sub \(a) \(b)")
            #expect((x * y).bigInteger == (a * b).mod(m), "mul \(a) \(b)")
        }
        for a in edges + randoms {
            let x = try F(canonical: a)
            #expect((-x).bigInteger == (-a).mod(m), "neg \(a)")
            #expect(x.squared().bigInteger == (a * a).mod(m), "square \(a)")
            #expect(x.doubled().bigInteger == (a + a).mod(m), "double \(a)")
            #expect(x.halved().doubled() == x, "halve \(a)")
            #expect(x.bigInteger == a, "round trip \(a)")
            if a.isZero {
                #expect(x.inverse() == nil)
            } else {
                #expect(x.inverse()?.bigInteger == a.inverse(modulo: m), "inverse \(a)")
            }
            #expect(x.legendre() == a.legendre(m), "legendre \(a)")
        }
    }

    func checkExponentiationAndRoots<P: MontgomeryParameters>(_: P.Type, seed: UInt64) throws {
        typealias F = MontgomeryField<P>
        let m = F.modulus
        var rng = SeededGenerator(seed: seed)
        let values = Self.edgeValues(m) + Self.randomValues(m, seed: seed).prefix(2_000)
        for a in values {
            let x = try F(canonical: a)
            let e = rng.edgyWords()
            #expect(x.powVartime(e).bigInteger == a.power(BigInteger(words: e), modulo: m), "pow \(a)")
            let root = x.squareRoot()
            if a.legendre(m) == -1 {
                #expect(root == nil, "non-square \(a) has no root")
            } else {
                #expect(root?.squared() == x, "sqrt \(a)")
            }
        }
    }

    @Test func fpMatchesGMP() throws { try checkAgainstGMP(FpParameters.self, seed: 1) }
    @Test func frMatchesGMP() throws { try checkAgainstGMP(FrParameters.self, seed: 2) }
    @Test func fpPowAndSqrtMatchGMP() throws { try checkExponentiationAndRoots(FpParameters.self, seed: 3) }
    @Test func frPowAndSqrtMatchGMP() throws { try checkExponentiationAndRoots(FrParameters.self, seed: 4) }
}
