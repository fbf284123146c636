extension EdDSAPoseidon {
    /// A public key A checked once (on the curve, not of small order) and prepared for fast
    /// verification: a comb table of −8·A. Preparing costs about as much as two verifications;
    /// keep it for every signature of the same key (about 24 KiB).
    public struct PreparedKey: Sendable {
        /// A.
        public let point: BabyJubJub.Point
        let negatedEightA: CombTable

        /// The prepared key, or nil when A is off the curve or of small order (for such A the
        /// verification equation ignores the key and anyone could sign).
        public init?(_ a: BabyJubJub.Point) {
            guard a.isOnCurve else { return nil }
            let eightA = ExtendedPoint(a).doubled().doubled().doubled()
            guard !(eightA.x.isZero && eightA.y == eightA.z) else { return nil }
            point = a
            negatedEightA = CombTable(ExtendedPoint(x: -eightA.x, y: eightA.y, t: -eightA.t, z: eightA.z))
        }
    }

    /// The comb table of Base8, built once.
    static let base8Comb = CombTable(ExtendedPoint(BabyJubJub.base8))

    /// l as little-endian limbs.
    static let subgroupOrderLimbs: (UInt64, UInt64, UInt64, UInt64) = {
        let w = BabyJubJub.subgroupOrder.words(count: 4)!
        return (w[0], w[1], w[2], w[3])
    }()

    /// Whether the canonical value of `s` is below l.
    static func isBelowSubgroupOrder(_ s: Fr) -> Bool {
        let v = s.canonicalLimbs, l = subgroupOrderLimbs
        if v.3 != l.3 { return v.3 < l.3 }
        if v.2 != l.2 { return v.2 < l.2 }
        if v.1 != l.1 { return v.1 < l.1 }
        return v.0 < l.0
    }

    /// `verify(_:signature:publicKey:)` with a prepared key: S < l, R8 on the curve, and
    /// S·Base8 − hm·(8·A) = R8 (the same equation as S·Base8 = R8 + (8·hm)·A, exactly, with no
    /// cofactor multiplied out), computed with two comb tables and compared projectively.
    public static func verify(_ message: Fr, signature: Signature, key: PreparedKey) -> Bool {
        let r8 = signature.r8, a = key.point
        guard isBelowSubgroupOrder(signature.s), r8.isOnCurve else { return false }
        let hm = try! Poseidon.hash([r8.x, r8.y, a.x, a.y, message])
        let p = base8Comb.sum(signature.s.canonicalLimbs, key.negatedEightA, hm.canonicalLimbs)
        return p.x == r8.x * p.z && p.y == r8.y * p.z
    }
}
