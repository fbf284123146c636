/// The parameter that generates the BN254 (alt_bn128) curve: with x = 4965661367192848881,
/// p = 36x^4 + 36x^3 + 24x^2 + 6x + 1, r = 36x^4 + 36x^3 + 18x^2 + 6x + 1 and the trace of
/// Frobenius is t = 6x^2 + 1. The optimal ate loop (6x + 2), the final exponentiation and the
/// G2 subgroup check are all written in terms of x.
public enum BN254 {
    /// The seed x (positive for BN254).
    @inlinable public static var x: UInt64 { 4_965_661_367_192_848_881 }
}
