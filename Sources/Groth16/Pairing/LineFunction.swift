// The steps of the Miller loop on the twist: double or add the running point T and return the
// line through the points involved (Costello–Lange–Naehrig 2010; Aranha, Karabina, Longa,
// Gebotys, López 2011, "Faster explicit formulas for computing pairings over ordinary curves").
//
// Under the untwisting (x, y) -> (x w^2, y w^3) a line of slope λ through the twist point
// (xT, yT), evaluated at P = (xP, yP) in G1, is
//   yP - λ xP w + (λ xT - yT) w^3.
// With T in homogeneous projective coordinates every line is scaled by a factor in Fp2, which
// the final exponentiation removes, so the lines below are those multiples:
//   ℓ(P) = (a · yP) + (b · xP) w + c w^3.

/// The coefficients a, b, c of one line of the Miller loop, independent of the G1 point at which
/// it is evaluated: ℓ(P) = (a · yP) + (b · xP) w + c w^3.
struct LineCoefficients: Sendable, Equatable {
    var a: Fp2
    var b: Fp2
    var c: Fp2
}

extension Fp12 {
    /// self · ℓ(P): the sparse product with a line evaluated at `p` (13 Fp2 multiplications).
    @inline(__always)
    func mulByLine(_ line: LineCoefficients, at p: G1Affine) -> Fp12 {
        mulByLine(line.a * p.y, line.b * p.x, line.c)
    }
}

/// The running point T of the Miller loop, a twist point in homogeneous projective coordinates
/// (x, y) = (X / Z, Y / Z).
struct G2Homogeneous {
    var x: Fp2
    var y: Fp2
    var z: Fp2

    init(_ q: G2Affine) {
        x = q.x
        y = q.y
        z = .one
    }

    /// 3 b' with b' = 3 / ξ the constant of the twist.
    static let threeB: Fp2 = G2Parameters.b.doubled() + G2Parameters.b

    /// T <- 2T; returns the tangent line at T (scaled by -2 Y Z):
    ///   a = -2YZ, b = 3X^2, c = 3b'Z^2 - Y^2.
    mutating func doubleStep() -> LineCoefficients {
        let a = (x * y).halved()
        let b = y.squared()
        let c = z.squared()
        let e = Self.threeB * c
        let f = e.doubled() + e
        let g = (b + f).halved()
        let h = (y + z).squared() - (b + c)   // 2YZ
        let j = x.squared()
        let e2 = e.squared()
        x = a * (b - f)
        y = g.squared() - (e2.doubled() + e2)
        z = b * h
        return LineCoefficients(a: -h, b: j.doubled() + j, c: e - b)
    }

    /// T <- T + Q for an affine Q ≠ ±T; returns the line through T and Q (scaled by X - xQ Z):
    ///   a = λ, b = -θ, c = θ xQ - λ yQ with θ = Y - yQ Z, λ = X - xQ Z.
    mutating func addStep(_ q: G2Affine) -> LineCoefficients {
        let theta = y - q.y * z
        let lambda = x - q.x * z
        let c = theta.squared()
        let d = lambda.squared()
        let e = lambda * d
        let f = z * c
        let g = x * d
        let h = e + f - g.doubled()
        x = lambda * h
        y = theta * (g - h) - y * e
        z = z * e
        return LineCoefficients(a: lambda, b: -theta, c: theta * q.x - lambda * q.y)
    }

    /// The affine point (for tests).
    var affine: G2Affine {
        guard let zInverse = z.inverse() else { return .infinity }
        return G2Affine(uncheckedX: x * zInverse, y: y * zInverse)
    }
}
