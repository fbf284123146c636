/// The number-theoretic transforms of a domain, in place, natural order in and out.
///
/// With n = size, ω = generator and s = cosetShift:
/// - `forwardNTT`: coefficients a_j -> evaluations A(ω^i) = sum_j a_j ω^(ij);
/// - `inverseNTT`: evaluations A(ω^i) -> coefficients;
/// - `cosetForwardNTT`: coefficients -> evaluations A(s·ω^i);
/// - `cosetInverseNTT`: evaluations A(s·ω^i) -> coefficients.
/// Every buffer must hold exactly n values.
extension EvaluationDomain {
    /// Coefficients -> evaluations on the subgroup, in place.
    public func forwardNTT(_ values: UnsafeMutableBufferPointer<Fr>) {
        transform(values)
    }

    /// Evaluations on the subgroup -> coefficients, in place.
    public func inverseNTT(_ values: UnsafeMutableBufferPointer<Fr>) {
        // The inverse DFT is the forward DFT read at index -i, scaled by 1/n.
        transform(values)
        reverseAndScale(values, factor: sizeInverse, base: nil)
    }

    /// Coefficients -> evaluations on the coset s·ω^i, in place.
    public func cosetForwardNTT(_ values: UnsafeMutableBufferPointer<Fr>) {
        scaleByPowers(values, of: cosetShift)
        transform(values)
    }

    /// Evaluations on the coset s·ω^i -> coefficients, in place.
    public func cosetInverseNTT(_ values: UnsafeMutableBufferPointer<Fr>) {
        transform(values)
        reverseAndScale(values, factor: sizeInverse, base: (cosetShiftInverse, cosetShift))
    }

    /// Coefficients -> evaluations on the subgroup, in place.
    public func forwardNTT(_ values: inout [Fr]) {
        values.withUnsafeMutableBufferPointer { forwardNTT($0) }
    }

    /// Evaluations on the subgroup -> coefficients, in place.
    public func inverseNTT(_ values: inout [Fr]) {
        values.withUnsafeMutableBufferPointer { inverseNTT($0) }
    }

    /// Coefficients -> evaluations on the coset, in place.
    public func cosetForwardNTT(_ values: inout [Fr]) {
        values.withUnsafeMutableBufferPointer { cosetForwardNTT($0) }
    }

    /// Evaluations on the coset -> coefficients, in place.
    public func cosetInverseNTT(_ values: inout [Fr]) {
        values.withUnsafeMutableBufferPointer { cosetInverseNTT($0) }
    }

    /// values[i] <- sum_j values[j] ω^(ij).
    private func transform(_ values: UnsafeMutableBufferPointer<Fr>) {
        precondition(values.count == size, "NTT: \(values.count) values for a domain of size \(size)")
        guard log2Size > 0 else { return }
        twiddles.withUnsafeBufferPointer { tw in
            RadixTwoTransform(values: values.baseAddress!, log2Size: log2Size, twiddles: tw.baseAddress!).run()
        }
    }

    /// values[i] <- values[i] · s^i.
    private func scaleByPowers(_ values: UnsafeMutableBufferPointer<Fr>, of s: Fr) {
        let out = SendablePointer(values.baseAddress!)
        Parallelism.forEachPiece(count: size, pieceSize: 1 << 14) { range in
            var power = s.powVartime(UInt64(range.lowerBound))
            for i in range {
                out[i] = out[i] * power
                power = power * s
            }
        }
    }

    /// values[i] <- c · g^i · values[(n - i) mod n], where `base` is (g, g^-1), or g = 1 when nil.
    private func reverseAndScale(_ values: UnsafeMutableBufferPointer<Fr>, factor c: Fr, base: (Fr, Fr)?) {
        let a = SendablePointer(values.baseAddress!)
        let n = size
        a[0] = a[0] * c
        guard n > 1 else { return }
        let (g, gInverse) = base ?? (.one, .one)
        a[n / 2] = a[n / 2] * c * g.powVartime(UInt64(n / 2))
        // Pairs (i, n - i) for 0 < i < n/2.
        Parallelism.forEachPiece(count: n / 2 - 1, pieceSize: 1 << 13) { range in
            let first = range.lowerBound + 1
            var low = c * g.powVartime(UInt64(first))            // c·g^i
            var high = c * g.powVartime(UInt64(n - first))       // c·g^(n-i)
            for i in first..<(range.upperBound + 1) {
                let u = a[i], v = a[n - i]
                a[i] = v * low
                a[n - i] = u * high
                if base != nil {
                    low = low * g
                    high = high * gInverse
                }
            }
        }
    }
}
