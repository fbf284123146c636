/// The in-place radix-2 transform behind `EvaluationDomain`: a bit-reversal permutation followed
/// by decimation-in-time butterflies, so input and output are both in natural order.
///
/// Cache use: the first `blockLog2` stages only combine elements inside aligned blocks of
/// 2^blockLog2 values (128 KiB), so they run block by block while the block stays in cache;
/// each later stage is one pass over the array. Threads take blocks, then ranges of butterflies
/// of each later stage, as they become free (`Parallelism.forEachPiece`).
struct RadixTwoTransform {
    /// Blocks of 2^12 values (128 KiB) fit the per-core L2 cache with room for twiddles.
    static let blockLog2 = 12
    /// Below this size one thread is faster than waking others.
    static let parallelLog2 = 12
    /// Butterflies per piece of work handed to a thread in the later stages (about 0.2 ms).
    static let pieceSize = 1 << 13

    let values: UnsafeMutablePointer<Fr>
    let log2Size: Int
    /// ω^j for j < n/2 (see `EvaluationDomain.twiddles`).
    let twiddles: UnsafePointer<Fr>
    let threads: Int

    init(values: UnsafeMutablePointer<Fr>, log2Size: Int, twiddles: UnsafePointer<Fr>) {
        self.values = values
        self.log2Size = log2Size
        self.twiddles = twiddles
        threads = log2Size >= Self.parallelLog2 ? Parallelism.threadCount : 1
    }

    /// values[i] <- sum_j values[j] ω^(ij).
    func run() {
        guard log2Size > 0 else { return }
        bitReverse()
        let blockLog2 = min(log2Size, Self.blockLog2)
        Parallelism.forEachPiece(count: 1 << (log2Size - blockLog2), pieceSize: 1, workers: threads) { blocks in
            let base = values + (blocks.lowerBound << blockLog2)
            for stage in 0..<blockLog2 {
                butterflies(base, halfLog2: stage, range: 0..<(1 << (blockLog2 - 1)))
            }
        }
        for stage in blockLog2..<log2Size {
            Parallelism.forEachPiece(count: 1 << (log2Size - 1), pieceSize: Self.pieceSize, workers: threads) { range in
                butterflies(values, halfLog2: stage, range: range)
            }
        }
    }

    /// The butterflies `range` of the stage with half-size m = 2^halfLog2 over the array at
    /// `base`: butterfly k pairs index i = (k / m)·2m + k mod m with i + m, twiddle
    /// ω_2m^(k mod m) = twiddles[(k mod m)·n/2m].
    @inline(__always)
    private func butterflies(_ base: UnsafeMutablePointer<Fr>, halfLog2: Int, range: Range<Int>) {
        let m = 1 << halfLog2
        let mask = m - 1
        if halfLog2 == 0 {
            for k in range {
                let i = k << 1
                let u = base[i], v = base[i + 1]
                base[i] = u + v
                base[i + 1] = u - v
            }
            return
        }
        let strideLog2 = log2Size - 1 - halfLog2
        for k in range {
            let j = k & mask
            let i = ((k >> halfLog2) << (halfLog2 + 1)) | j
            let u = base[i]
            let v = base[i + m] * twiddles[j << strideLog2]
            base[i] = u + v
            base[i + m] = u - v
        }
    }

    /// Swaps values[i] and values[rev(i)] for every i < rev(i): each pair is touched by the one
    /// piece that holds its smaller index.
    private func bitReverse() {
        let shift = 64 - log2Size
        Parallelism.forEachPiece(count: 1 << log2Size, pieceSize: Self.pieceSize, workers: threads) { range in
            for i in range {
                let j = Int(truncatingIfNeeded: UInt64(i).bitReversed >> UInt64(shift))
                if i < j {
                    let t = values[i]
                    values[i] = values[j]
                    values[j] = t
                }
            }
        }
    }
}

extension UInt64 {
    /// The bits in reverse order (bit 0 becomes bit 63).
    @inline(__always)
    var bitReversed: UInt64 {
        var x = self
        x = ((x >> 1) & 0x5555_5555_5555_5555) | ((x & 0x5555_5555_5555_5555) << 1)
        x = ((x >> 2) & 0x3333_3333_3333_3333) | ((x & 0x3333_3333_3333_3333) << 2)
        x = ((x >> 4) & 0x0F0F_0F0F_0F0F_0F0F) | ((x & 0x0F0F_0F0F_0F0F_0F0F) << 4)
        return x.byteSwapped
    }
}
