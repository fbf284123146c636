/// Precomputed multiples of one base point for many scalar multiplications by that base:
/// table[w][d] = d·2^(8w)·base, so k·base is a sum of 32 table entries (one mixed addition
/// per byte of k). Building costs 32·255 additions once. Variable time.
public struct FixedBaseTable<C: CurveParameters>: Sendable {
    private let table: [[AffinePoint<C>]]

    public init(_ base: AffinePoint<C>) {
        var rows: [[JacobianPoint<C>]] = []
        var windowBase = base.jacobian
        for _ in 0..<32 {
            var row = [JacobianPoint<C>.infinity]
            for d in 1..<256 { row.append(d == 1 ? windowBase : row[d - 1] + windowBase) }
            rows.append(row)
            windowBase = row[255] + windowBase  // 256·windowBase
        }
        let flat = JacobianPoint<C>.batchNormalize(rows.flatMap { $0 })
        table = (0..<32).map { Array(flat[(256 * $0)..<(256 * $0 + 256)]) }
    }

    /// k·base.
    public func multiply(_ k: Fr) -> JacobianPoint<C> {
        let limbs = k.canonicalLimbs
        let words = [limbs.0, limbs.1, limbs.2, limbs.3]
        var acc = JacobianPoint<C>.infinity
        for w in 0..<32 {
            let digit = Int((words[w / 8] >> UInt64(8 * (w % 8))) & 0xFF)
            if digit != 0 { acc = acc + table[w][digit] }
        }
        return acc
    }

    /// k_i·base for every scalar, in affine form, over all threads.
    public func multiply(_ scalars: [Fr]) -> [AffinePoint<C>] {
        var out = [JacobianPoint<C>](repeating: .infinity, count: scalars.count)
        out.withUnsafeMutableBufferPointer { buffer in
            let o = SendablePointer(buffer.baseAddress!)
            Parallelism.forEachChunk(count: scalars.count, minimumChunk: 256) { range in
                for i in range { o[i] = multiply(scalars[i]) }
            }
        }
        return JacobianPoint<C>.batchNormalize(out)
    }
}
