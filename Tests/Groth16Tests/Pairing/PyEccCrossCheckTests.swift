import Foundation
import Testing
import TestSupport
@testable import Groth16

/// An independent cross-check against py_ecc (Python, optimized_bn128): one pairing value and
/// one G2 scalar multiplication, through Tests/Groth16Tests/Oracles/py_ecc_oracle.py run with the
/// interpreter named by SETTLEMENT_PYTHON (`make test` sets it).
///
/// py_ecc represents Fp12 as Fp[w] / (w^12 - 18 w^6 + 82) and maps u to w^6 - 9. Its w is ours:
/// both towers satisfy w^6 = ξ = 9 + u, and both untwist G2 by (x, y) -> (x w^2, y w^3). So an
/// element Σ_{i<6} (a_i + b_i u) w^i of our tower is Σ (a_i - 9 b_i) w^i + b_i w^(i+6) there,
/// and since both compute the full exponent (p^12 - 1) / r the pairing values are equal.
@Suite(.enabled(if: PythonOracle.python != nil, "SETTLEMENT_PYTHON is not set (make test sets it to a Python with py_ecc)"))
struct PyEccCrossCheckTests {
    struct Request: Encodable {
        var g1: [String]
        var g2: [[String]]
        var scalar: String
    }

    struct Response: Decodable {
        var pairing: [String]
        var g2_mul: [[String]]
    }

    /// Our Fp12 as py_ecc's 12 coefficients (see the type's comment).
    static func pyEccCoefficients(_ f: Fp12) -> [String] {
        let byPower = [f.c0.c0, f.c1.c0, f.c0.c1, f.c1.c1, f.c0.c2, f.c1.c2]  // coefficient of w^i
        let low = byPower.map { ($0.c0 - Fp(9) * $0.c1).decimalString }
        let high = byPower.map { $0.c1.decimalString }
        return low + high
    }

    @Test func pairingAndG2ScalarMultiplicationAgreeWithPyEcc() throws {
        var rng = SeededGenerator(seed: 801)
        let p = G1Affine.generator.multipliedVartime(by: rng.fr())
        let q = G2Affine.generator.multipliedVartime(by: rng.fr())
        let k = rng.fr()
        let g2 = q.decimalStrings
        let response: Response = try PythonOracle.ask("py_ecc_oracle.py", Request(g1: [p.x.decimalString, p.y.decimalString],
                                            g2: [g2[0], g2[1]], scalar: k.decimalString))
        #expect(Self.pyEccCoefficients(Pairing.pairing(p, q)) == response.pairing)
        let kq = q.multipliedVartime(by: k)
        #expect([kq.decimalStrings[0], kq.decimalStrings[1]] == response.g2_mul)
    }
}
