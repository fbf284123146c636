/// The BN254 scalar field (the group order):
/// r = 21888242871839275222246405745257275088548364400416034343698204186575808495617.
/// Circuit values, witnesses and public inputs live here; r - 1 has 2-adicity 28.
public enum FrParameters: MontgomeryParameters {
    @inlinable public static var m0: UInt64 { 0x43e1_f593_f000_0001 }
    @inlinable public static var m1: UInt64 { 0x2833_e848_79b9_7091 }
    @inlinable public static var m2: UInt64 { 0xb850_45b6_8181_585d }
    @inlinable public static var m3: UInt64 { 0x3064_4e72_e131_a029 }
    @inlinable public static var inv: UInt64 { 0xc2e1_f593_efff_ffff }
    @inlinable public static var one: (UInt64, UInt64, UInt64, UInt64) {
        (0xac96_341c_4fff_fffb, 0x36fc_7695_9f60_cd29, 0x666e_a36f_7879_462e, 0x0e0a_77c1_9a07_df2f)
    }
    @inlinable public static var r2: (UInt64, UInt64, UInt64, UInt64) {
        (0x1bb8_e645_ae21_6da7, 0x53fe_3ab1_e35c_59e3, 0x8c49_833d_53bb_8085, 0x0216_d0b1_7f4e_44a5)
    }
    public static var bits: Int { 254 }
    public static var name: String { "Fr" }
    public static var derived: MontgomeryDerivedConstants { frDerived }
}

private let frDerived = MontgomeryDerivedConstants(
    modulus: BigInteger("21888242871839275222246405745257275088548364400416034343698204186575808495617")!)

/// An element of the BN254 scalar field.
public typealias Fr = MontgomeryField<FrParameters>

extension MontgomeryField where P == FrParameters {
    /// The 2-adicity of r - 1: the largest power-of-two NTT domain is 2^28.
    public static var twoAdicity: Int { 28 }

    /// The multiplicative generator 5 of Fr* (as snarkjs/arkworks use for cosets).
    public static var multiplicativeGenerator: Fr { Fr(5) }

    /// A primitive 2^k-th root of unity, k <= 28: g^((r-1)/2^k) for the generator g = 5.
    public static func rootOfUnity(log2Order k: Int) -> Fr {
        precondition(k >= 0 && k <= twoAdicity, "no root of unity of order 2^\(k) in Fr")
        var w = multiplicativeGenerator.powVartime(FrParameters.derived.trace)  // order 2^28
        for _ in 0..<(twoAdicity - k) { w = w.squared() }
        return w
    }
}
