extension ConstraintSystem {
    /// Edwards → Montgomery: u(1 − y) = 1 + y, v·x = u (two constraints). Requires x ≠ 0 (the
    /// caller enforces it): for x = 0 the value v would be free.
    func toMontgomery(_ p: EdwardsPointSignal) -> MontgomeryPointSignal {
        scope("toMontgomery") {
            let u = witness("u") { (Fr.one + p.y.value) * ((Fr.one - p.y.value).inverse() ?? .zero) }
            let v = witness("v") { u.value * (p.x.value.inverse() ?? .zero) }
            enforce(u * (1 - p.y) == 1 + p.y, "u")
            enforce(v * p.x == u, "v")
            return MontgomeryPointSignal(u: u, v: v)
        }
    }

    /// Montgomery → Edwards: x·v = u, y(u + 1) = u − 1 (two constraints). Requires v ≠ 0;
    /// u ≠ −1 holds on the curve (d is not a square).
    func toEdwards(_ m: MontgomeryPointSignal) -> EdwardsPointSignal {
        scope("toEdwards") {
            let x = witness("x") { m.u.value * (m.v.value.inverse() ?? .zero) }
            let y = witness("y") { (m.u.value - Fr.one) * ((m.u.value + Fr.one).inverse() ?? .zero) }
            enforce(x * m.v == m.u, "x")
            enforce(y * (m.u + 1) == m.u - 1, "y")
            return EdwardsPointSignal(x: x, y: y)
        }
    }

    /// P + Q on the Montgomery curve (three constraints): λ(u₂ − u₁) = v₂ − v₁,
    /// λ² = u₃ + A + u₁ + u₂, λ(u₁ − u₃) = v₃ + v₁. Requires P ≠ ±Q and neither the identity.
    func montgomeryAdd(_ p: MontgomeryPointSignal, _ q: MontgomeryPointSignal) -> MontgomeryPointSignal {
        scope("montgomeryAdd") {
            let lambda = witness("λ") { (q.v.value - p.v.value) * ((q.u.value - p.u.value).inverse() ?? .zero) }
            enforce(lambda * (q.u - p.u) == q.v - p.v, "λ")
            return montgomeryLine(p, q.u, lambda)
        }
    }

    /// 2P on the Montgomery curve (four constraints): u² , λ·2v = 3u² + 2A·u + 1, then the
    /// line through P. Requires v ≠ 0 (P not of order 2).
    func montgomeryDouble(_ p: MontgomeryPointSignal) -> MontgomeryPointSignal {
        scope("montgomeryDouble") {
            let a = BabyJubJub.montgomeryA
            let u2 = product(p.u, p.u, "u²")
            let slope = 3 * u2 + (a.doubled()) * p.u + 1
            let lambda = witness("λ") { slope.value * ((p.v.value.doubled()).inverse() ?? .zero) }
            enforce(lambda * (2 * p.v) == slope, "λ")
            return montgomeryLine(p, p.u, lambda)
        }
    }

    /// The third point on the line of slope λ through P and a point with u-coordinate u₂:
    /// u₃ = λ² − A − u₁ − u₂, v₃ = λ(u₁ − u₃) − v₁ (two constraints).
    private func montgomeryLine(_ p: MontgomeryPointSignal, _ u2: Signal, _ lambda: Signal) -> MontgomeryPointSignal {
        let a = BabyJubJub.montgomeryA
        let u = witness("u") { lambda.value.squared() - a - p.u.value - u2.value }
        enforce(lambda * lambda == u + a + p.u + u2, "u")
        let v = witness("v") { lambda.value * (p.u.value - u.value) - p.v.value }
        enforce(lambda * (p.u - u) == v + p.v, "v")
        return MontgomeryPointSignal(u: u, v: v)
    }
}
