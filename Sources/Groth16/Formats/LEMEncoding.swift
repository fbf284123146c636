// The snarkjs binary encodings of field elements and points:
// - "LEM" (ptau, zkey): each base-field coordinate is 32 bytes little-endian in Montgomery form
//   (v * 2^256 mod q), which is exactly our own Montgomery representation. G1 = x || y,
//   G2 = x.c0 || x.c1 || y.c0 || y.c1, infinity = all zero bytes (our (0, 0)).
// - Scalars in .r1cs and .wtns: 32 bytes little-endian, canonical (not Montgomery).

enum LEM {
    static let g1Size = 64
    static let g2Size = 128

    /// A base-field coordinate; throws `CurveError.invalidCoordinate` unless it is below q.
    @inline(__always)
    static func fp(_ p: UnsafeRawPointer, group: String) throws -> Fp {
        let limbs = Limbs.load(p)
        do {
            return try Fp(canonicalMontgomery: limbs)
        } catch let e as FieldError {
            throw CurveError.invalidCoordinate(group: group, reason: e.description)
        }
    }

    /// A G1 point, checked (canonical coordinates, on the curve).
    @inline(__always)
    static func g1(_ p: UnsafeRawPointer) throws -> G1Affine {
        try G1Affine(x: fp(p, group: "G1"), y: fp(p + 32, group: "G1"))
    }

    /// A G2 point, checked (canonical coordinates, on the twist, in the order-r subgroup).
    @inline(__always)
    static func g2(_ p: UnsafeRawPointer) throws -> G2Affine {
        try G2Affine(x: Fp2(fp(p, group: "G2"), fp(p + 32, group: "G2")),
                     y: Fp2(fp(p + 64, group: "G2"), fp(p + 96, group: "G2")))
    }

    /// A canonical little-endian scalar (r1cs coefficient, wtns value); throws `FieldError`.
    @inline(__always)
    static func frCanonical(_ p: UnsafeRawPointer) throws -> Fr {
        try Fr(canonicalLimbs: Limbs.load(p))
    }
}

extension ByteWriter {
    mutating func fp(_ v: Fp) { limbs(v.montgomeryLimbs) }

    mutating func g1(_ p: G1Affine) {
        fp(p.x)
        fp(p.y)
    }

    mutating func g2(_ p: G2Affine) {
        fp(p.x.c0)
        fp(p.x.c1)
        fp(p.y.c0)
        fp(p.y.c1)
    }

    /// A scalar as 32 canonical little-endian bytes.
    mutating func frCanonical(_ v: Fr) { limbs(v.canonicalLimbs) }
}

extension ByteReader {
    mutating func g1(_ what: String) throws -> G1Affine {
        let p = try take(LEM.g1Size)
        do { return try LEM.g1(p.baseAddress!) } catch let e as CurveError {
            throw error(.invalidPoint(what: what, index: nil, e))
        }
    }

    mutating func g2(_ what: String) throws -> G2Affine {
        let p = try take(LEM.g2Size)
        do { return try LEM.g2(p.baseAddress!) } catch let e as CurveError {
            throw error(.invalidPoint(what: what, index: nil, e))
        }
    }

    /// `count` G1 points, decoded and checked in parallel; errors count indices from `firstIndex`.
    mutating func g1Array(count: Int, what: String, firstIndex: Int = 0) throws -> [G1Affine] {
        let region = try take(count: count, stride: LEM.g1Size)
        return try decodeRecords(region, count: count, stride: LEM.g1Size, placeholder: .infinity,
                                 minimumChunk: 4096, what: what, firstIndex: firstIndex) { p, _ in try LEM.g1(p) }
    }

    /// `count` G2 points, decoded and checked (including the subgroup check) in parallel.
    mutating func g2Array(count: Int, what: String, firstIndex: Int = 0) throws -> [G2Affine] {
        let region = try take(count: count, stride: LEM.g2Size)
        return try decodeRecords(region, count: count, stride: LEM.g2Size, placeholder: .infinity,
                                 minimumChunk: 64, what: what, firstIndex: firstIndex) { p, _ in try LEM.g2(p) }
    }

    /// Skips `count` records of `stride` bytes.
    mutating func skip(count: Int, stride: Int) throws { _ = try take(count: count, stride: stride) }
}
