/// A fixed-base comb (Lim–Lee) table of a Baby Jubjub point P for scalars below 2^256: entry j
/// holds Σ_{i : bit i of j set} 2^(32·i)·P for j in 0 ..< 256 (8 teeth, spacing 32), in affine
/// form with d·x·y precomputed. k·P then takes 31 doublings and 32 mixed additions, and two
/// tables share the doublings (`CombTable.sum`). Public data only: the lookups depend on the
/// scalar bits (variable time).
struct CombTable: Sendable {
    static let teeth = 8
    static let spacing = 32

    /// An affine point with d·x·y, the operand of a mixed addition.
    struct Entry: Sendable {
        var x: Fr, y: Fr, dxy: Fr
    }

    private let entries: [Entry]

    /// The table of `p` (any curve point): 224 doublings, 247 additions and one inversion.
    init(_ p: ExtendedPoint) {
        var teeth: [ExtendedPoint] = [p]
        for _ in 1..<Self.teeth {
            var b = teeth[teeth.count - 1]
            for _ in 0..<Self.spacing { b = b.doubled() }
            teeth.append(b)
        }
        var points = [ExtendedPoint](repeating: .identity, count: 1 << Self.teeth)
        for j in 1..<points.count {
            let top = Int.bitWidth - 1 - j.leadingZeroBitCount
            points[j] = points[j ^ (1 << top)] + teeth[top]
        }
        var inverses = points.map(\.z)
        Fr.batchInvert(&inverses)
        entries = zip(points, inverses).map { p, inv in
            let x = p.x * inv, y = p.y * inv
            return Entry(x: x, y: y, dxy: BabyJubJub.d * x * y)
        }
    }

    /// The comb column `c` of a 256-bit scalar: bit i of the index is bit 32·i + c of k.
    @inline(__always)
    static func column(_ k: (UInt64, UInt64, UInt64, UInt64), _ c: UInt64) -> Int {
        let l = (k.0 >> c) & 1 | ((k.0 >> (c + 32)) & 1) << 1
            | ((k.1 >> c) & 1) << 2 | ((k.1 >> (c + 32)) & 1) << 3
        let h = (k.2 >> c) & 1 | ((k.2 >> (c + 32)) & 1) << 1
            | ((k.3 >> c) & 1) << 2 | ((k.3 >> (c + 32)) & 1) << 3
        return Int(truncatingIfNeeded: l | h << 4)
    }

    /// j·P + k·Q for P = `self`'s point and Q = `other`'s, scalars as little-endian limbs.
    func sum(_ j: (UInt64, UInt64, UInt64, UInt64), _ other: CombTable,
             _ k: (UInt64, UInt64, UInt64, UInt64)) -> ExtendedPoint {
        entries.withUnsafeBufferPointer { p in
            other.entries.withUnsafeBufferPointer { q in
                var acc = ExtendedPoint.identity
                for c in stride(from: UInt64(Self.spacing - 1), through: 0, by: -1) {
                    if c != UInt64(Self.spacing - 1) { acc = acc.doubled() }
                    acc = acc.adding(p[Self.column(j, c)])
                    acc = acc.adding(q[Self.column(k, c)])
                }
                return acc
            }
        }
    }
}

extension ExtendedPoint {
    /// Mixed addition with an affine table entry (add-2008-hwcd with Z2 = 1 and d·T2 known).
    @inline(__always)
    func adding(_ q: CombTable.Entry) -> ExtendedPoint {
        let a = x * q.x, b = y * q.y
        let c = t * q.dxy
        let e = (x + y) * (q.x + q.y) - a - b
        let f = z - c, g = z + c
        let h = b - BabyJubJub.a * a
        return ExtendedPoint(x: e * f, y: g * h, t: e * h, z: f * g)
    }
}
