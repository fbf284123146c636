/// One matrix (A or B) of a proving key in compressed-row form: for each row (constraint) the
/// signals and coefficients of its linear combination, in flat arrays.
struct ConstraintRows: Sendable {
    /// rowStart[i]..<rowStart[i + 1] are the entries of row i; rowStart has rows + 1 values.
    let rowStart: [Int]
    let signals: [Int]
    let values: [Fr]

    /// Groups the key's coefficients of `matrix` by constraint (stable within a row).
    init(_ coefficients: [ProvingKey.Coefficient], matrix: ProvingKey.Coefficient.Matrix, rows: Int) {
        var counts = [Int](repeating: 0, count: rows + 1)
        for c in coefficients where c.matrix == matrix { counts[Int(c.constraint) + 1] += 1 }
        for i in 0..<rows { counts[i + 1] += counts[i] }
        var next = counts
        var signals = [Int](repeating: 0, count: counts[rows])
        var values = [Fr](repeating: .zero, count: counts[rows])
        for c in coefficients where c.matrix == matrix {
            let slot = next[Int(c.constraint)]
            signals[slot] = Int(c.signal)
            values[slot] = c.value
            next[Int(c.constraint)] += 1
        }
        rowStart = counts
        self.signals = signals
        self.values = values
    }

    var rows: Int { rowStart.count - 1 }

    /// out[i] = <row i, witness> for every row, in parallel.
    func evaluate(_ witness: UnsafeBufferPointer<Fr>, into out: UnsafeMutableBufferPointer<Fr>) {
        let result = SendablePointer(out.baseAddress!)
        rowStart.withUnsafeBufferPointer { starts in
            signals.withUnsafeBufferPointer { sig in
                values.withUnsafeBufferPointer { val in
                    Parallelism.forEachChunk(count: rows, minimumChunk: 1 << 12) { range in
                        for i in range {
                            var acc = Fr.zero
                            for k in starts[i]..<starts[i + 1] { acc += val[k] * witness[sig[k]] }
                            result[i] = acc
                        }
                    }
                }
            }
        }
    }
}
