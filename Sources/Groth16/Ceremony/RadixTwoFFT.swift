// The discrete Fourier transform over the domain of 2^k-th roots of unity of Fr, for vectors
// of any Fr-module: Fr itself (a verifier's transformed scalars) and the groups G1, G2 (the
// Lagrange basis of a .ptau). Iterative radix-2 decimation in time: bit-reversal, then
// log2(n) stages of butterflies (a, b) -> (a + w·b, a - w·b), each stage spread over the
// threads. For group elements the multiplication by a twiddle w is a scalar multiplication,
// the whole cost: the twiddle is prepared once and shared by every butterfly of the stage that uses it: split through the curve's endomorphism (GLV/GLS) and
// recoded in wNAF once per twiddle, so each multiplication costs about 127 doublings.

/// An element of an Fr-module the transform can act on.
protocol FourierElement: Sendable {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    /// A twiddle factor prepared once for many multiplications.
    associatedtype Twiddle
    static func twiddle(_ w: Fr) -> Twiddle
    func times(_ w: Twiddle) -> Self
}

extension MontgomeryField: FourierElement where P == FrParameters {
    static func twiddle(_ w: Fr) -> Fr { w }
    func times(_ w: Fr) -> Fr { self * w }
}

extension JacobianPoint: FourierElement where C: EndomorphismCurve {
    static func twiddle(_ w: Fr) -> SplitScalar { SplitScalar(w, for: C.self) }
    func times(_ w: SplitScalar) -> Self { multiplied(by: w) }
}

enum RadixTwoFFT {
    /// In place: values[j] <- Σ_i values[i]·ω^(ij) (forward) or (1/n)·Σ_i values[i]·ω^(-ij)
    /// (inverse), ω the primitive n-th root of unity of `Fr.rootOfUnity`, n = values.count a
    /// power of two up to 2^28. `progress` counts butterflies.
    static func transform<E: FourierElement>(_ values: inout [E], inverse: Bool, stage: String = "",
                                             progress: CeremonyProgress? = nil) {
        let n = values.count
        precondition(n > 0 && n & (n - 1) == 0 && n <= 1 << Fr.twoAdicity, "the size must be a power of two up to 2^28")
        let logN = n.trailingZeroBitCount
        guard n > 1 else { return }
        bitReverse(&values)
        var root = Fr.rootOfUnity(log2Order: logN)
        if inverse { root = root.inverse()! }
        // twiddles[k] = root^k for k < n/2; stage with half-size s uses the stride n/(2s).
        var twiddles = [Fr](repeating: .one, count: n / 2)
        for k in 1..<(n / 2) { twiddles[k] = twiddles[k - 1] * root }
        let report = ProgressStage(stage, total: (n / 2) * logN + (inverse ? n : 0), progress)
        let done = ProgressCounter()
        values.withUnsafeMutableBufferPointer { buffer in
            let v = SendablePointer(buffer.baseAddress!)
            // Every stage uses a subset of the n/2 twiddles: prepare them all once, in parallel.
            let prepared = prepareTwiddles(twiddles, E.self)
            var half = 1
            while half < n {
                let stride = n / (2 * half)
                let butterflies = n / 2
                Parallelism.forEachChunk(count: butterflies, minimumChunk: 64) { range in
                    var finished = 0
                    for b in range {
                        let block = b / half, j = b % half
                        let top = block * 2 * half + j, bottom = top + half
                        let t = j == 0 ? v[bottom] : v[bottom].times(prepared[j * stride])
                        let a = v[top]
                        v[top] = a + t
                        v[bottom] = a - t
                        finished += 1
                        if finished == 4096 {
                            report.report(done.add(finished))
                            finished = 0
                        }
                    }
                    report.report(done.add(finished))
                }
                half *= 2
            }
            if inverse {
                let scale = E.twiddle(Fr(UInt64(n)).inverse()!)
                Parallelism.forEachChunk(count: n, minimumChunk: 64) { range in
                    for i in range { v[i] = v[i].times(scale) }
                    report.report(done.add(range.count))
                }
            }
        }
    }

    private static func prepareTwiddles<E: FourierElement>(_ twiddles: [Fr], _: E.Type) -> [E.Twiddle] {
        var prepared = [E.Twiddle?](repeating: nil, count: twiddles.count)
        prepared.withUnsafeMutableBufferPointer { out in
            let out = SendablePointer(out.baseAddress!)
            Parallelism.forEachChunk(count: twiddles.count, minimumChunk: 256) { range in
                for k in range { out[k] = E.twiddle(twiddles[k]) }
            }
        }
        return prepared.map { $0! }
    }

    private static func bitReverse<E>(_ values: inout [E]) {
        let n = values.count
        let bits = n.trailingZeroBitCount
        for i in 0..<n {
            let j = Int(UInt(i).bitReversedLow(bits))
            if i < j { values.swapAt(i, j) }
        }
    }
}

extension UInt {
    /// The low `bits` bits in reverse order.
    fileprivate func bitReversedLow(_ bits: Int) -> UInt {
        guard bits > 0 else { return 0 }
        var x = self, r: UInt = 0
        for _ in 0..<bits {
            r = (r << 1) | (x & 1)
            x >>= 1
        }
        return r
    }
}
