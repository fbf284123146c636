/// The optimal ate pairing e: G1 × G2 -> GT ⊂ Fp12 of BN254, with the value the EVM's
/// ecPairing precompile (EIP-197) and py_ecc compute, and products of pairings with one shared
/// final exponentiation.
///
/// Inputs must be valid points (on their curves, in the order-r subgroups), as every point
/// decoded with a checking initialiser is. Variable time: use only on public values.
public enum Pairing {
    /// e(p, q).
    public static func pairing(_ p: G1Affine, _ q: G2Affine) -> Fp12 {
        finalExponentiation(millerLoop([(p, q)]))
    }

    /// The product of the Miller functions of the pairs, before the final exponentiation.
    /// Pairs with an infinity point contribute 1.
    public static func millerLoop(_ pairs: [(G1Affine, G2Affine)]) -> Fp12 {
        millerLoop(prepared: pairs.map { ($0.0, G2Prepared($0.1)) })
    }

    /// The product of the Miller functions of pairs whose G2 points are prepared.
    public static func millerLoop(prepared pairs: [(G1Affine, G2Prepared)]) -> Fp12 {
        MillerLoop.evaluate(pairs)
    }

    /// f^((p^12 - 1) / r): maps a Miller loop value to the pairing value.
    public static func finalExponentiation(_ f: Fp12) -> Fp12 {
        FinalExponentiation.apply(f)
    }

    /// Whether Π e(p_i, q_i) = 1, with one final exponentiation for all pairs. Pairs with an
    /// infinity point contribute 1; the empty product is 1.
    public static func productIsOne(_ pairs: [(G1Affine, G2Affine)]) -> Bool {
        finalExponentiation(millerLoop(pairs)).isOne
    }

    /// Whether Π e(p_i, q_i) = 1 for prepared G2 points (see `productIsOne(_:)`).
    public static func productIsOne(prepared pairs: [(G1Affine, G2Prepared)]) -> Bool {
        finalExponentiation(millerLoop(prepared: pairs)).isOne
    }
}
