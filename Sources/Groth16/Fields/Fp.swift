/// The BN254 base field: q = 21888242871839275222246405745257275088696311157297823662689037894645226208583.
public enum FpParameters: MontgomeryParameters {
    @inlinable public static var m0: UInt64 { 0x3c20_8c16_d87c_fd47 }
    @inlinable public static var m1: UInt64 { 0x9781_6a91_6871_ca8d }
    @inlinable public static var m2: UInt64 { 0xb850_45b6_8181_585d }
    @inlinable public static var m3: UInt64 { 0x3064_4e72_e131_a029 }
    @inlinable public static var inv: UInt64 { 0x87d2_0782_e486_6389 }
    @inlinable public static var one: (UInt64, UInt64, UInt64, UInt64) {
        (0xd35d_438d_c58f_0d9d, 0x0a78_eb28_f5c7_0b3d, 0x666e_a36f_7879_462c, 0x0e0a_77c1_9a07_df2f)
    }
    @inlinable public static var r2: (UInt64, UInt64, UInt64, UInt64) {
        (0xf32c_fc5b_538a_fa89, 0xb5e7_1911_d445_01fb, 0x47ab_1eff_0a41_7ff6, 0x06d8_9f71_cab8_351f)
    }
    public static var bits: Int { 254 }
    public static var name: String { "Fp" }
    public static var derived: MontgomeryDerivedConstants { fpDerived }
}

private let fpDerived = MontgomeryDerivedConstants(
    modulus: BigInteger("21888242871839275222246405745257275088696311157297823662689037894645226208583")!)

/// An element of the BN254 base field (coordinates of G1, and of G2 through Fp2).
public typealias Fp = MontgomeryField<FpParameters>
