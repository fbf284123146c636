import CFieldKernels

/// An element of the prime field described by `P`, stored as 4 x 64-bit limbs in Montgomery
/// form (the limbs hold a * 2^256 mod m). Fp and Fr are instances of this one type.
///
/// Arithmetic is branch-light and allocation-free; multiplication uses the no-carry CIOS
/// kernel of `CFieldKernels`. Decoding comes in two names: `init(canonical...)` throws on
/// values >= m, `init(reducing...)` reduces.
@frozen
public struct MontgomeryField<P: MontgomeryParameters>: Field, CustomStringConvertible {
    @usableFromInline var l0: UInt64
    @usableFromInline var l1: UInt64
    @usableFromInline var l2: UInt64
    @usableFromInline var l3: UInt64

    /// Wraps limbs that are already in Montgomery form and below the modulus. Nothing is checked.
    @inlinable @inline(__always)
    public init(uncheckedMontgomery l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64) {
        self.l0 = l0
        self.l1 = l1
        self.l2 = l2
        self.l3 = l3
    }

    @inlinable @inline(__always)
    init(_ limbs: fk_limbs) {
        self.init(uncheckedMontgomery: limbs.l0, limbs.l1, limbs.l2, limbs.l3)
    }

    @inlinable @inline(__always)
    var limbs: fk_limbs { fk_limbs(l0: l0, l1: l1, l2: l2, l3: l3) }

    @inlinable @inline(__always)
    static var modulusLimbs: fk_limbs { fk_limbs(l0: P.m0, l1: P.m1, l2: P.m2, l3: P.m3) }

    /// The Montgomery limbs (a * 2^256 mod m), little-endian.
    @inlinable
    public var montgomeryLimbs: (UInt64, UInt64, UInt64, UInt64) { (l0, l1, l2, l3) }

    @inlinable
    public static var zero: Self { Self(uncheckedMontgomery: 0, 0, 0, 0) }

    @inlinable
    public static var one: Self {
        let o = P.one
        return Self(uncheckedMontgomery: o.0, o.1, o.2, o.3)
    }

    @inlinable
    public var isZero: Bool { (l0 | l1 | l2 | l3) == 0 }

    @inlinable
    public var isOne: Bool { self == Self.one }

    @inlinable @inline(__always)
    public static func == (a: Self, b: Self) -> Bool {
        ((a.l0 ^ b.l0) | (a.l1 ^ b.l1) | (a.l2 ^ b.l2) | (a.l3 ^ b.l3)) == 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(l0)
        hasher.combine(l1)
        hasher.combine(l2)
        hasher.combine(l3)
    }

    @inlinable @inline(__always)
    public static func + (a: Self, b: Self) -> Self {
        Self(fk_add(a.limbs, b.limbs, modulusLimbs))
    }

    @inlinable @inline(__always)
    public static func - (a: Self, b: Self) -> Self {
        Self(fk_sub(a.limbs, b.limbs, modulusLimbs))
    }

    @inlinable @inline(__always)
    public static prefix func - (a: Self) -> Self {
        Self(fk_sub(fk_limbs(l0: 0, l1: 0, l2: 0, l3: 0), a.limbs, modulusLimbs))
    }

    @inlinable @inline(__always)
    public static func * (a: Self, b: Self) -> Self {
        Self(fk_mont_mul(a.limbs, b.limbs, modulusLimbs, P.inv))
    }

    @inlinable @inline(__always)
    public func squared() -> Self {
        Self(fk_mont_mul(limbs, limbs, Self.modulusLimbs, P.inv))
    }

    @inlinable @inline(__always)
    public func doubled() -> Self {
        Self(fk_add(limbs, limbs, Self.modulusLimbs))
    }

    /// self / 2.
    @inlinable @inline(__always)
    public func halved() -> Self {
        Self(fk_halve(limbs, Self.modulusLimbs))
    }

    /// Montgomery product by plain limbs: a * b / 2^256 (used for form conversions).
    @inlinable @inline(__always)
    static func montgomeryReduce(_ a: fk_limbs, _ b: fk_limbs) -> fk_limbs {
        fk_mont_mul(a, b, modulusLimbs, P.inv)
    }

    /// The element with the given canonical little-endian limbs, which must be below the modulus.
    @inlinable
    init(uncheckedCanonical w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        let r2 = P.r2
        self.init(Self.montgomeryReduce(fk_limbs(l0: w0, l1: w1, l2: w2, l3: w3),
                                        fk_limbs(l0: r2.0, l1: r2.1, l2: r2.2, l3: r2.3)))
    }

    /// The canonical value as little-endian limbs (out of Montgomery form).
    @inlinable
    public var canonicalLimbs: (UInt64, UInt64, UInt64, UInt64) {
        let c = Self.montgomeryReduce(limbs, fk_limbs(l0: 1, l1: 0, l2: 0, l3: 0))
        return (c.l0, c.l1, c.l2, c.l3)
    }

    /// The small integer `value` as a field element.
    @inlinable
    public init(_ value: UInt64) {
        self.init(uncheckedCanonical: value, 0, 0, 0)
    }

    /// The multiplicative inverse (GMP's extended gcd), or nil for zero.
    public func inverse() -> Self? {
        if isZero { return nil }
        let d = P.derived
        // self holds aR; GMP gives (aR)^-1 = a^-1 R^-1; a Montgomery product with R^3 yields a^-1 R.
        let raw = BigInteger(words: [l0, l1, l2, l3])
        guard let inv = raw.inverse(modulo: d.modulus)?.words(count: 4) else { return nil }
        return Self(Self.montgomeryReduce(fk_limbs(l0: inv[0], l1: inv[1], l2: inv[2], l3: inv[3]),
                                          fk_limbs(l0: d.r3[0], l1: d.r3[1], l2: d.r3[2], l3: d.r3[3])))
    }

    public var description: String { decimalString }
}
