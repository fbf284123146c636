/// A polynomial over Fr (coefficients from x⁰ up, no trailing zeros), for finding the
/// eigenvalues in Fr of small matrices.
struct FieldPolynomial: Equatable {
    private(set) var coefficients: [Fr]

    init(_ coefficients: [Fr]) {
        self.coefficients = coefficients
        normalize()
    }

    private mutating func normalize() {
        while let last = coefficients.last, last.isZero { coefficients.removeLast() }
    }

    /// −1 for the zero polynomial.
    var degree: Int { coefficients.count - 1 }
    var isZero: Bool { coefficients.isEmpty }

    static func + (a: FieldPolynomial, b: FieldPolynomial) -> FieldPolynomial {
        var c = [Fr](repeating: .zero, count: max(a.coefficients.count, b.coefficients.count))
        for (i, x) in a.coefficients.enumerated() { c[i] += x }
        for (i, x) in b.coefficients.enumerated() { c[i] += x }
        return FieldPolynomial(c)
    }

    static func - (a: FieldPolynomial, b: FieldPolynomial) -> FieldPolynomial { a + b.scaled(by: -.one) }

    func scaled(by k: Fr) -> FieldPolynomial { FieldPolynomial(coefficients.map { k * $0 }) }

    static func * (a: FieldPolynomial, b: FieldPolynomial) -> FieldPolynomial {
        if a.isZero || b.isZero { return FieldPolynomial([]) }
        var c = [Fr](repeating: .zero, count: a.coefficients.count + b.coefficients.count - 1)
        for (i, x) in a.coefficients.enumerated() {
            for (j, y) in b.coefficients.enumerated() { c[i + j] += x * y }
        }
        return FieldPolynomial(c)
    }

    /// Quotient and remainder of division by a non-zero polynomial.
    func divided(by d: FieldPolynomial) -> (quotient: FieldPolynomial, remainder: FieldPolynomial) {
        precondition(!d.isZero, "division by the zero polynomial")
        var r = coefficients
        let dd = d.degree
        guard degree >= dd else { return (FieldPolynomial([]), self) }
        var q = [Fr](repeating: .zero, count: degree - dd + 1)
        let lead = d.coefficients[dd].inverse()!
        for k in stride(from: degree - dd, through: 0, by: -1) {
            let f = r[k + dd] * lead
            q[k] = f
            if f.isZero { continue }
            for j in 0...dd { r[k + j] -= f * d.coefficients[j] }
        }
        return (FieldPolynomial(q), FieldPolynomial(Array(r.prefix(dd))))
    }

    func remainder(_ d: FieldPolynomial) -> FieldPolynomial { divided(by: d).remainder }

    /// The monic greatest common divisor.
    static func gcd(_ a: FieldPolynomial, _ b: FieldPolynomial) -> FieldPolynomial {
        var (x, y) = (a, b)
        while !y.isZero { (x, y) = (y, x.remainder(y)) }
        guard let lead = x.coefficients.last else { return x }
        return x.scaled(by: lead.inverse()!)
    }

    /// self^e mod m for e given as little-endian words.
    func power(_ e: [UInt64], modulo m: FieldPolynomial) -> FieldPolynomial {
        var result = FieldPolynomial([.one]).remainder(m)
        let base = remainder(m)
        for word in e.reversed() {
            for bit in stride(from: 63, through: 0, by: -1) {
                result = (result * result).remainder(m)
                if (word >> UInt64(bit)) & 1 == 1 { result = (result * base).remainder(m) }
            }
        }
        return result
    }

    /// The distinct roots in Fr: gcd with x^r − x keeps the linear factors, which are then
    /// split by gcds with (x + a)^((r−1)/2) − 1 for a = 0, 1, 2, ... (Cantor–Zassenhaus with
    /// deterministic shifts).
    func roots() -> [Fr] {
        guard degree >= 1 else { return [] }
        let r = Fr.modulus
        let x = FieldPolynomial([.zero, .one])
        let frobenius = x.power(r.words(count: 4)!, modulo: self)
        let linear = FieldPolynomial.gcd(self, frobenius - x)
        var roots: [Fr] = []
        var pending = [linear]
        let half = ((r - 1) >> 1).words(count: 4)!
        while let f = pending.popLast() {
            if f.degree < 1 { continue }
            if f.degree == 1 {
                roots.append(-f.coefficients[0] * f.coefficients[1].inverse()!)
                continue
            }
            var a = Fr.zero
            while true {
                let shifted = FieldPolynomial([a, .one])
                let g = FieldPolynomial.gcd(f, shifted.power(half, modulo: f) - FieldPolynomial([.one]))
                if g.degree >= 1 && g.degree < f.degree {
                    pending.append(g)
                    pending.append(f.divided(by: g).quotient)
                    break
                }
                a += .one
            }
        }
        return roots
    }
}
