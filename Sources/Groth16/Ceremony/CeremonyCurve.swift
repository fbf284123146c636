// What the ceremony needs to know of G1 and G2 beyond the group law: snarkjs's byte encodings
// of points for hashing, its notion of a "negative" coordinate, and its way of drawing field
// elements and points from a ChaCha generator (ffjavascript `fromRng`).

/// A curve (G1 or G2) with snarkjs's hashing encodings and sampling.
protocol CeremonyCurve: CurveParameters {
    /// Bytes of one base-field coordinate in the hashing encodings (32 for Fp, 64 for Fp2).
    static var coordinateSize: Int { get }
    /// Writes a coordinate big-endian (an Fp2 as c1 then c0), the snarkjs "uncompressed" form.
    static func writeBigEndian(_ v: Base, to p: UnsafeMutableRawPointer)
    /// ffjavascript's `isNegative`: the canonical value is above (q - 1)/2 (for Fp2, that of
    /// c1, or of c0 when c1 = 0).
    static func isNegative(_ v: Base) -> Bool
    /// Whether v is a square (zero included), as ffjavascript's `isSquare`.
    static func isSquare(_ v: Base) -> Bool
    /// A square root of a square.
    static func squareRoot(_ v: Base) -> Base?
    /// ffjavascript's `fromRng` on the base field.
    static func sampleBase(_ rng: inout ChaChaGenerator) -> Base
    /// The cofactor `fromRng` multiplies by (nil for G1), as little-endian limbs.
    static var samplingCofactor: (UInt64, UInt64, UInt64, UInt64)? { get }
}

extension MontgomeryField {
    /// ffjavascript's `fromRng`: 64-bit draws assembled little-endian, masked to the bit length
    /// of the modulus, rejected when not below it. The value drawn is taken as the element's
    /// Montgomery representation (ffjavascript stores the raw draw in a Montgomery buffer), so
    /// the element is draw·2^-256.
    static func sample(_ rng: inout ChaChaGenerator) -> Self {
        let topMask: UInt64 = (1 << UInt64(P.bits - 192)) - 1
        while true {
            let l0 = rng.nextU64(), l1 = rng.nextU64(), l2 = rng.nextU64(), l3 = rng.nextU64() & topMask
            if let v = try? Self(canonicalMontgomery: (l0, l1, l2, l3)) { return v }
        }
    }

    /// The canonical value is above (modulus - 1)/2.
    var isAboveHalf: Bool {
        let (v0, v1, v2, v3) = canonicalLimbs
        // (m - 1)/2 for odd m: shift the modulus right by one.
        let h3 = P.m3 >> 1, h2 = (P.m2 >> 1) | (P.m3 << 63), h1 = (P.m1 >> 1) | (P.m2 << 63), h0 = (P.m0 >> 1) | (P.m1 << 63)
        if v3 != h3 { return v3 > h3 }
        if v2 != h2 { return v2 > h2 }
        if v1 != h1 { return v1 > h1 }
        return v0 > h0
    }

    /// The canonical value, 32 bytes big-endian, written at `p`.
    func writeBigEndian(to p: UnsafeMutableRawPointer) {
        let (l0, l1, l2, l3) = canonicalLimbs
        p.storeBytes(of: l3.bigEndian, toByteOffset: 0, as: UInt64.self)
        p.storeBytes(of: l2.bigEndian, toByteOffset: 8, as: UInt64.self)
        p.storeBytes(of: l1.bigEndian, toByteOffset: 16, as: UInt64.self)
        p.storeBytes(of: l0.bigEndian, toByteOffset: 24, as: UInt64.self)
    }
}

extension G1Parameters: CeremonyCurve {
    static var coordinateSize: Int { 32 }
    static func writeBigEndian(_ v: Fp, to p: UnsafeMutableRawPointer) { v.writeBigEndian(to: p) }
    static func isNegative(_ v: Fp) -> Bool { v.isAboveHalf }
    static func isSquare(_ v: Fp) -> Bool { v.legendre() != -1 }
    static func squareRoot(_ v: Fp) -> Fp? { v.squareRoot() }
    static func sampleBase(_ rng: inout ChaChaGenerator) -> Fp { Fp.sample(&rng) }
    static var samplingCofactor: (UInt64, UInt64, UInt64, UInt64)? { nil }
}

extension G2Parameters: CeremonyCurve {
    static var coordinateSize: Int { 64 }
    static func writeBigEndian(_ v: Fp2, to p: UnsafeMutableRawPointer) {
        v.c1.writeBigEndian(to: p)
        v.c0.writeBigEndian(to: p + 32)
    }
    static func isNegative(_ v: Fp2) -> Bool { v.c1.isZero ? v.c0.isAboveHalf : v.c1.isAboveHalf }
    static func isSquare(_ v: Fp2) -> Bool { v.isZero || v.norm.legendre() == 1 }
    static func squareRoot(_ v: Fp2) -> Fp2? { v.squareRoot() }
    static func sampleBase(_ rng: inout ChaChaGenerator) -> Fp2 {
        let c0 = Fp.sample(&rng)
        return Fp2(c0, Fp.sample(&rng))
    }
    /// 2p - r, the order of the twist divided by r.
    static var samplingCofactor: (UInt64, UInt64, UInt64, UInt64)? {
        (0x345f_2299_c0f9_fa8d, 0x06ce_ecda_572a_2489, 0xb850_45b6_8181_585e, 0x3064_4e72_e131_a029)
    }
}

extension AffinePoint where C: CeremonyCurve {
    /// Bytes of the snarkjs "uncompressed" encoding (x then y, big-endian; G2 imaginary part
    /// first; infinity all zeros): the EVM encoding.
    static var uncompressedSize: Int { 2 * C.coordinateSize }
    /// Bytes of the snarkjs "compressed" encoding (x only).
    static var compressedSize: Int { C.coordinateSize }

    func writeUncompressed(to p: UnsafeMutableRawPointer) {
        if isInfinity {
            p.initializeMemory(as: UInt8.self, repeating: 0, count: Self.uncompressedSize)
            return
        }
        C.writeBigEndian(x, to: p)
        C.writeBigEndian(y, to: p + C.coordinateSize)
    }

    /// x big-endian with 0x80 set in the first byte when y is negative; infinity is zeros with
    /// 0x40 in the first byte (ffjavascript `LEMtoC`).
    func writeCompressed(to p: UnsafeMutableRawPointer) {
        if isInfinity {
            p.initializeMemory(as: UInt8.self, repeating: 0, count: Self.compressedSize)
            p.storeBytes(of: 0x40, as: UInt8.self)
            return
        }
        C.writeBigEndian(x, to: p)
        if C.isNegative(y) { p.storeBytes(of: p.load(as: UInt8.self) | 0x80, as: UInt8.self) }
    }

    var uncompressedBytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.uncompressedSize) { b, n in
            writeUncompressed(to: UnsafeMutableRawPointer(b.baseAddress!))
            n = Self.uncompressedSize
        }
    }

    /// ffjavascript's `fromRng` on the curve: x drawn until x³ + b is a square, a boolean
    /// choosing the sign of y, then (G2) the cofactor cleared.
    static func sample(_ rng: inout ChaChaGenerator) -> Self {
        var x: C.Base
        var greatest: Bool
        var rhs: C.Base
        repeat {
            x = C.sampleBase(&rng)
            greatest = rng.nextBool()
            rhs = x.squared() * x + C.b
        } while !C.isSquare(rhs)
        var y = C.squareRoot(rhs)!
        if greatest != C.isNegative(y) { y = -y }
        let point = Self(uncheckedX: x, y: y)
        guard let cofactor = C.samplingCofactor else { return point }
        return point.jacobian.multipliedVartime(byLimbs: cofactor).affine
    }
}

/// The concatenated uncompressed or compressed encodings of `points`, written in parallel.
func snarkjsEncoding<C: CeremonyCurve>(_ points: [AffinePoint<C>], compressed: Bool) -> [UInt8] {
    let size = compressed ? AffinePoint<C>.compressedSize : AffinePoint<C>.uncompressedSize
    return [UInt8](unsafeUninitializedCapacity: points.count * size) { buffer, n in
        let base = SendablePointer(buffer.baseAddress!)
        points.withUnsafeBufferPointer { ps in
            Parallelism.forEachChunk(count: ps.count, minimumChunk: 4096) { range in
                for i in range {
                    let p = UnsafeMutableRawPointer(base.base + i * size)
                    if compressed { ps[i].writeCompressed(to: p) } else { ps[i].writeUncompressed(to: p) }
                }
            }
        }
        n = points.count * size
    }
}
