/// The constants of a prime field of at most 254 bits held as 4 x 64-bit limbs in Montgomery
/// form (R = 2^256). Conforming types are caseless enums whose properties return literals, so
/// the optimiser folds them into the arithmetic.
public protocol MontgomeryParameters: Sendable {
    /// The modulus, little-endian limbs. The top limb must be below 2^62.
    static var m0: UInt64 { get }
    static var m1: UInt64 { get }
    static var m2: UInt64 { get }
    static var m3: UInt64 { get }
    /// -m^-1 mod 2^64.
    static var inv: UInt64 { get }
    /// R mod m (the Montgomery form of 1), little-endian limbs.
    static var one: (UInt64, UInt64, UInt64, UInt64) { get }
    /// R^2 mod m, little-endian limbs (converts into Montgomery form).
    static var r2: (UInt64, UInt64, UInt64, UInt64) { get }
    /// Number of bits of the modulus.
    static var bits: Int { get }
    /// A short name for error messages ("Fp", "Fr").
    static var name: String { get }
    /// Facts derived from the modulus once with GMP (square roots, inversion).
    static var derived: MontgomeryDerivedConstants { get }
}

/// Constants derived from a modulus with GMP, computed once per field.
public struct MontgomeryDerivedConstants: Sendable {
    /// The modulus as a big integer.
    public let modulus: BigInteger
    /// m = 2^s * t + 1 with t odd: s.
    public let twoAdicity: Int
    /// The odd part t of m - 1, little-endian words.
    public let trace: [UInt64]
    /// (t - 1) / 2, little-endian words.
    public let traceMinusOneOverTwo: [UInt64]
    /// A quadratic non-residue (canonical value).
    public let nonResidue: BigInteger
    /// R^3 mod m, little-endian words (turns a canonical inverse of a Montgomery value back
    /// into Montgomery form).
    public let r3: [UInt64]

    /// Derives the constants of the field with the given modulus.
    public init(modulus: BigInteger) {
        self.modulus = modulus
        let mMinusOne = modulus - 1
        var s = 0
        while !mMinusOne.bit(s) { s += 1 }
        twoAdicity = s
        let t = mMinusOne >> s
        trace = t.words(count: 4)!
        traceMinusOneOverTwo = ((t - 1) >> 1).words(count: 4)!
        var z = BigInteger(2)
        while z.legendre(modulus) != -1 { z = z + 1 }
        nonResidue = z
        r3 = (BigInteger(1) << 768).mod(modulus).words(count: 4)!
    }
}
