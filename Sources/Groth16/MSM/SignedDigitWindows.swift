/// The signed-digit recoding of scalars below r into W windows of c bits, as Pippenger's bucket
/// method uses it: k = sum_w d_w 2^(wc) with d_w in [-2^(c-1), 2^(c-1)) for w < W-1 and the
/// top digit in [0, 2^(c-1)], so 2^(c-1) buckets per window serve both signs.
///
/// Trick: adding H = sum_{w < W-1} 2^(c-1) 2^(wc) once per scalar turns the carries of the
/// recoding into ordinary binary addition; digit w is then the c-bit field w of k + H minus
/// 2^(c-1) (the top field is taken as is). With W = ceil(255 / c) and k < r < 2^254, k + H
/// fits in 255 bits and the top digit is at most 2^(c-1).
struct SignedDigitWindows {
    /// c, the window width in bits (1...16).
    let windowBits: Int
    /// W = ceil(255 / c).
    let windowCount: Int
    /// H, little-endian limbs.
    let offset: (UInt64, UInt64, UInt64, UInt64)
    /// The largest digit of the top window over all k < r (so it needs only this many buckets).
    let topWindowBucketCount: Int

    init(windowBits c: Int) {
        precondition(c >= 1 && c <= 16, "window width \(c) outside 1...16")
        windowBits = c
        windowCount = (255 + c - 1) / c
        var h: [UInt64] = [0, 0, 0, 0]
        for w in 0..<(windowCount - 1) {
            let bit = w * c + c - 1
            h[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        offset = (h[0], h[1], h[2], h[3])
        let rMinusOne = (FrParameters.m0 - 1, FrParameters.m1, FrParameters.m2, FrParameters.m3)
        let largest = Self.add(rMinusOne, offset)
        let limbs = [largest.0, largest.1, largest.2, largest.3]
        let topBit = (windowCount - 1) * c
        topWindowBucketCount = limbs.withUnsafeBufferPointer { Self.field($0.baseAddress!, bit: topBit, width: c) }
    }

    /// The number of buckets window w needs.
    func bucketCount(window w: Int) -> Int {
        w == windowCount - 1 ? topWindowBucketCount : 1 << (windowBits - 1)
    }

    /// k + H for k < r (little-endian limbs); the sum stays below 2^255.
    @inline(__always)
    func offsetScalar(_ k: (UInt64, UInt64, UInt64, UInt64)) -> (UInt64, UInt64, UInt64, UInt64) {
        Self.add(k, offset)
    }

    /// The signed digit of window w of the offset scalar at `s` (4 little-endian limbs).
    @inline(__always)
    func digit(_ s: UnsafePointer<UInt64>, window w: Int) -> Int {
        let raw = Self.field(s, bit: w * windowBits, width: windowBits)
        return w == windowCount - 1 ? raw : raw - (1 << (windowBits - 1))
    }

    /// Bits [bit, bit + width) of the 256-bit value at `s`, width <= 16.
    @inline(__always)
    static func field(_ s: UnsafePointer<UInt64>, bit: Int, width: Int) -> Int {
        let limb = bit >> 6, shift = bit & 63
        var raw = s[limb] >> UInt64(shift)
        if shift + width > 64 && limb < 3 { raw |= s[limb + 1] << UInt64(64 - shift) }
        return Int(truncatingIfNeeded: raw & ((1 << UInt64(width)) - 1))
    }

    @inline(__always)
    static func add(_ a: (UInt64, UInt64, UInt64, UInt64), _ b: (UInt64, UInt64, UInt64, UInt64))
        -> (UInt64, UInt64, UInt64, UInt64) {
        let (s0, c0) = a.0.addingReportingOverflow(b.0)
        let (t1, c1) = a.1.addingReportingOverflow(b.1)
        let (s1, d1) = t1.addingReportingOverflow(c0 ? 1 : 0)
        let (t2, c2) = a.2.addingReportingOverflow(b.2)
        let (s2, d2) = t2.addingReportingOverflow(c1 || d1 ? 1 : 0)
        let s3 = a.3 &+ b.3 &+ (c2 || d2 ? 1 : 0)
        return (s0, s1, s2, s3)
    }
}
