/// Σ scalars[i]·points[i] by Pippenger's bucket method, for the ceremony's checks: random
/// linear combinations (64-bit scalars) and their transforms (full scalars). `scalarBits`
/// bounds the scalars' bit length. The points are split among the threads; each runs the
/// bucket method on its share. Variable time: public data only.
///
/// (A small MSM of its own: the prover's multi-scalar multiplication lives in Groth16/MSM.)
func pointCombination<C: CurveParameters>(_ points: ArraySlice<AffinePoint<C>>,
                                          _ scalars: ArraySlice<(UInt64, UInt64, UInt64, UInt64)>,
                                          scalarBits: Int) -> JacobianPoint<C> {
    precondition(points.count == scalars.count, "one scalar per point")
    let n = points.count
    guard n > 0 else { return .infinity }
    let threads = max(1, min(Parallelism.threadCount, n / 256))
    let share = (n + threads - 1) / threads
    var partial = [JacobianPoint<C>](repeating: .infinity, count: threads)
    partial.withUnsafeMutableBufferPointer { out in
        let out = SendablePointer(out.baseAddress!)
        points.withUnsafeBufferPointer { ps in
            scalars.withUnsafeBufferPointer { ss in
                Parallelism.run(workers: threads) { t in
                    let range = (t * share)..<min(n, (t + 1) * share)
                    if !range.isEmpty {
                        out[t] = bucketSum(UnsafeBufferPointer(rebasing: ps[range]),
                                           UnsafeBufferPointer(rebasing: ss[range]), scalarBits: scalarBits)
                    }
                }
            }
        }
    }
    return partial.reduce(.infinity, +)
}

/// Pippenger on one thread.
private func bucketSum<C: CurveParameters>(_ points: UnsafeBufferPointer<AffinePoint<C>>,
                                           _ scalars: UnsafeBufferPointer<(UInt64, UInt64, UInt64, UInt64)>,
                                           scalarBits: Int) -> JacobianPoint<C> {
    let n = points.count
    var c = 1
    while (1 << (c + 2)) < n { c += 1 }
    c = max(2, min(c - 1, 16))
    let windows = (scalarBits + c - 1) / c
    var buckets = [JacobianPoint<C>](repeating: .infinity, count: 1 << c)
    var result = JacobianPoint<C>.infinity
    for w in stride(from: windows - 1, through: 0, by: -1) {
        for _ in 0..<c { result = result.doubled() }
        for b in 0..<buckets.count { buckets[b] = .infinity }
        let shift = w * c
        for i in 0..<n {
            let digit = window(scalars[i], shift: shift, width: c)
            if digit != 0 { buckets[digit] += points[i] }
        }
        // Σ d·bucket[d] as a running sum from the top.
        var running = JacobianPoint<C>.infinity
        var sum = JacobianPoint<C>.infinity
        for d in stride(from: buckets.count - 1, through: 1, by: -1) {
            running = running + buckets[d]
            sum = sum + running
        }
        result = result + sum
    }
    return result
}

/// Bits shift..<shift+width of a 256-bit little-endian integer.
@inline(__always)
private func window(_ s: (UInt64, UInt64, UInt64, UInt64), shift: Int, width: Int) -> Int {
    let limb = shift >> 6, offset = shift & 63
    guard limb < 4 else { return 0 }
    var v = word(s, limb) >> UInt64(offset)
    if offset + width > 64, limb + 1 < 4 { v |= word(s, limb + 1) << UInt64(64 - offset) }
    return Int(v & ((1 << UInt64(width)) - 1))
}

@inline(__always)
private func word(_ s: (UInt64, UInt64, UInt64, UInt64), _ i: Int) -> UInt64 {
    switch i {
    case 0: return s.0
    case 1: return s.1
    case 2: return s.2
    default: return s.3
    }
}

/// `count` random 64-bit scalars from libsodium's CSPRNG (the verifier's challenges).
func randomScalars64(_ count: Int) -> [(UInt64, UInt64, UInt64, UInt64)] {
    let bytes = secureRandomBytes(8 * count)
    return bytes.withUnsafeBytes { b in
        (0..<count).map { (b.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self), 0, 0, 0) }
    }
}
