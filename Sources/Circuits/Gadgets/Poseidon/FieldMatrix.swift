/// A small dense matrix over Fr (row-major), for deriving and checking Poseidon's MDS matrix.
struct FieldMatrix: Equatable {
    let rows: Int
    let columns: Int
    var entries: [Fr]

    init(rows: Int, columns: Int, entries: [Fr]) {
        precondition(entries.count == rows * columns)
        self.rows = rows
        self.columns = columns
        self.entries = entries
    }

    init(rows: Int, columns: Int, _ entry: (Int, Int) -> Fr) {
        var e: [Fr] = []
        e.reserveCapacity(rows * columns)
        for i in 0..<rows { for j in 0..<columns { e.append(entry(i, j)) } }
        self.init(rows: rows, columns: columns, entries: e)
    }

    static func identity(_ n: Int) -> FieldMatrix { FieldMatrix(rows: n, columns: n) { $0 == $1 ? .one : .zero } }

    subscript(i: Int, j: Int) -> Fr {
        get { entries[i * columns + j] }
        set { entries[i * columns + j] = newValue }
    }

    func row(_ i: Int) -> [Fr] { Array(entries[(i * columns)..<((i + 1) * columns)]) }

    static func * (a: FieldMatrix, b: FieldMatrix) -> FieldMatrix {
        precondition(a.columns == b.rows)
        var out = [Fr](repeating: .zero, count: a.rows * b.columns)
        for i in 0..<a.rows {
            for k in 0..<a.columns {
                let x = a[i, k]
                if x.isZero { continue }
                for j in 0..<b.columns { out[i * b.columns + j] += x * b[k, j] }
            }
        }
        return FieldMatrix(rows: a.rows, columns: b.columns, entries: out)
    }

    static func * (a: FieldMatrix, v: [Fr]) -> [Fr] {
        precondition(a.columns == v.count)
        return (0..<a.rows).map { i in
            var acc = Fr.zero
            for j in 0..<a.columns { acc += a[i, j] * v[j] }
            return acc
        }
    }

    /// Whether the matrix is c·I for some c.
    var isScalar: Bool {
        let c = self[0, 0]
        for i in 0..<rows { for j in 0..<columns where self[i, j] != (i == j ? c : .zero) { return false } }
        return true
    }

    /// self − λ·I.
    func shifted(by lambda: Fr) -> FieldMatrix {
        var m = self
        for i in 0..<rows { m[i, i] -= lambda }
        return m
    }

    /// The inverse of an invertible square matrix (Gauss–Jordan).
    func inverse() -> FieldMatrix {
        precondition(rows == columns)
        let n = rows
        var m = self
        var inv = FieldMatrix.identity(n)
        for c in 0..<n {
            let p = (c..<n).first { !m[$0, c].isZero }!
            if p != c {
                for j in 0..<n {
                    (m[p, j], m[c, j]) = (m[c, j], m[p, j])
                    (inv[p, j], inv[c, j]) = (inv[c, j], inv[p, j])
                }
            }
            let f = m[c, c].inverse()!
            for j in 0..<n {
                m[c, j] *= f
                inv[c, j] *= f
            }
            for i in 0..<n where i != c && !m[i, c].isZero {
                let g = m[i, c]
                for j in 0..<n {
                    m[i, j] -= g * m[c, j]
                    inv[i, j] -= g * inv[c, j]
                }
            }
        }
        return inv
    }

    /// A basis of { v : self·v = 0 }.
    func rightKernel() -> [[Fr]] {
        var m = self
        var pivotColumns: [Int] = []
        var r = 0
        for c in 0..<columns where r < rows {
            guard let p = (r..<rows).first(where: { !m[$0, c].isZero }) else { continue }
            if p != r { for j in 0..<columns { let t = m[p, j]; m[p, j] = m[r, j]; m[r, j] = t } }
            let inv = m[r, c].inverse()!
            for j in 0..<columns { m[r, j] *= inv }
            for i in 0..<rows where i != r && !m[i, c].isZero {
                let f = m[i, c]
                for j in 0..<columns { m[i, j] -= f * m[r, j] }
            }
            pivotColumns.append(c)
            r += 1
        }
        let free = (0..<columns).filter { !pivotColumns.contains($0) }
        return free.map { f in
            var v = [Fr](repeating: .zero, count: columns)
            v[f] = .one
            for (k, c) in pivotColumns.enumerated() { v[c] = -m[k, f] }
            return v
        }
    }

    /// The characteristic polynomial det(x·I − self), coefficients from x⁰ up: similarity
    /// reduction to upper Hessenberg form, then the Hessenberg recurrence (O(n³)).
    func characteristicPolynomial() -> FieldPolynomial {
        precondition(rows == columns)
        let n = rows
        var h = self
        for k in 0..<max(0, n - 2) {
            guard let p = ((k + 1)..<n).first(where: { !h[$0, k].isZero }) else { continue }
            if p != k + 1 {
                for j in 0..<n { let t = h[p, j]; h[p, j] = h[k + 1, j]; h[k + 1, j] = t }
                for i in 0..<n { let t = h[i, p]; h[i, p] = h[i, k + 1]; h[i, k + 1] = t }
            }
            let inv = h[k + 1, k].inverse()!
            for i in (k + 2)..<n where !h[i, k].isZero {
                let f = h[i, k] * inv
                for j in 0..<n { h[i, j] -= f * h[k + 1, j] }
                for r in 0..<n { h[r, k + 1] += f * h[r, i] }
            }
        }
        // p_0 = 1; p_m = (x − h[m−1][m−1])·p_{m−1} − Σ_{i<m−1} h[i][m−1]·(Π_{j=i+1}^{m−1} h[j][j−1])·p_i.
        var p: [FieldPolynomial] = [FieldPolynomial([.one])]
        for m in 1...n {
            var next = FieldPolynomial([-h[m - 1, m - 1], .one]) * p[m - 1]
            var product = Fr.one
            for i in stride(from: m - 2, through: 0, by: -1) {
                product *= h[i + 1, i]
                next = next - p[i].scaled(by: h[i, m - 1] * product)
            }
            p.append(next)
        }
        return p[n]
    }
}

/// A linear subspace of Frⁿ, kept as a basis in reduced row echelon form so that equal
/// subspaces have equal bases.
struct Subspace: Equatable {
    let dimensionOfAmbientSpace: Int
    private(set) var basis: [[Fr]] = []
    private var pivots: [Int] = []

    init(ambient n: Int) { dimensionOfAmbientSpace = n }

    init(ambient n: Int, spannedBy vectors: [[Fr]]) {
        self.init(ambient: n)
        for v in vectors { insert(v) }
    }

    var dimension: Int { basis.count }

    /// Adds a vector; returns whether the dimension grew.
    @discardableResult
    mutating func insert(_ vector: [Fr]) -> Bool {
        var v = vector
        for (b, p) in zip(basis, pivots) where !v[p].isZero {
            let f = v[p]
            for j in 0..<v.count { v[j] -= f * b[j] }
        }
        guard let p = v.firstIndex(where: { !$0.isZero }) else { return false }
        let inv = v[p].inverse()!
        for j in 0..<v.count { v[j] *= inv }
        for k in 0..<basis.count where !basis[k][p].isZero {
            let f = basis[k][p]
            for j in 0..<v.count { basis[k][j] -= f * v[j] }
        }
        let at = pivots.firstIndex(where: { $0 > p }) ?? pivots.count
        basis.insert(v, at: at)
        pivots.insert(p, at: at)
        return true
    }

    /// The image { M·v : v ∈ self }.
    func mapped(by m: FieldMatrix) -> Subspace {
        Subspace(ambient: dimensionOfAmbientSpace, spannedBy: basis.map { m * $0 })
    }

    /// self ∩ other: the kernel of [B_self | −B_other] gives the common combinations.
    func intersection(_ other: Subspace) -> Subspace {
        let n = dimensionOfAmbientSpace, k = basis.count
        if k == 0 || other.dimension == 0 { return Subspace(ambient: n) }
        let m = FieldMatrix(rows: n, columns: k + other.dimension) { i, j in
            j < k ? basis[j][i] : -other.basis[j - k][i]
        }
        let combinations = m.rightKernel().map { c in
            (0..<n).map { i in (0..<k).reduce(Fr.zero) { $0 + c[$1] * basis[$1][i] } }
        }
        return Subspace(ambient: n, spannedBy: combinations)
    }

    static func == (a: Subspace, b: Subspace) -> Bool { a.basis == b.basis }
}
