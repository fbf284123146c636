extension ConstraintSystem {
    /// P + Q with the complete twisted Edwards formulas (circomlib's BabyAdd): six constraints,
    /// three when Q is constant.
    public func edwardsAdd(_ p: EdwardsPointSignal, _ q: EdwardsPointSignal) -> EdwardsPointSignal {
        scope("edwardsAdd") { edwardsSum(p, q, into: nil) }
    }

    /// Enforces P + Q = R without new output wires (the sum's constraints are pinned to R).
    public func enforceEdwardsSum(_ p: EdwardsPointSignal, _ q: EdwardsPointSignal, equals r: EdwardsPointSignal) {
        scope("edwardsAdd") { _ = edwardsSum(p, q, into: r) }
    }

    /// β = x₁y₂, γ = y₁x₂, δ = (−a·x₁ + y₁)(x₂ + y₂), τ = βγ;
    /// x₃(1 + dτ) = β + γ, y₃(1 − dτ) = δ + aβ − γ. The denominators never vanish on the curve.
    private func edwardsSum(_ p: EdwardsPointSignal, _ q: EdwardsPointSignal, into target: EdwardsPointSignal?) -> EdwardsPointSignal {
        let a = BabyJubJub.a, d = BabyJubJub.d
        let beta = product(p.x, q.y, "β")
        let gamma = product(p.y, q.x, "γ")
        let delta = product(p.y - a * p.x, q.x + q.y, "δ")
        let tau = product(beta, gamma, "τ")
        let xDenominator = 1 + d * tau, xNumerator = beta + gamma
        let yDenominator = 1 - d * tau, yNumerator = delta + a * beta - gamma
        let x = target?.x ?? witness("x") { xNumerator.value * (xDenominator.value.inverse() ?? .zero) }
        let y = target?.y ?? witness("y") { yNumerator.value * (yDenominator.value.inverse() ?? .zero) }
        enforce(xDenominator * x == xNumerator, "x")
        enforce(yDenominator * y == yNumerator, "y")
        return EdwardsPointSignal(x: x, y: y)
    }

    /// Enforces a·x² + y² = 1 + d·x²·y² (three constraints); returns x² and y².
    @discardableResult
    public func enforceOnCurve(_ p: EdwardsPointSignal) -> (x2: Signal, y2: Signal) {
        scope("onCurve") {
            let x2 = product(p.x, p.x, "x²"), y2 = product(p.y, p.y, "y²")
            enforce(x2 * y2 == (BabyJubJub.a * x2 + y2 - 1) * BabyJubJub.d.inverse()!, "a·x² + y² = 1 + d·x²·y²")
            return (x2, y2)
        }
    }

    /// 2P for P on the curve: x₃(a·x² + y²) = 2xy, y₃(2 − a·x² − y²) = y² − a·x² (five
    /// constraints; three when x² and y² are passed in). Meaningless for P off the curve.
    public func edwardsDouble(_ p: EdwardsPointSignal, squares: (x2: Signal, y2: Signal)? = nil) -> EdwardsPointSignal {
        scope("edwardsDouble") {
            let a = BabyJubJub.a
            let x2 = squares?.x2 ?? product(p.x, p.x, "x²")
            let y2 = squares?.y2 ?? product(p.y, p.y, "y²")
            let xy = product(p.x, p.y, "xy")
            let xDenominator = a * x2 + y2, yDenominator = 2 - a * x2 - y2, yNumerator = y2 - a * x2
            let x = witness("x") { (xy.value.doubled()) * (xDenominator.value.inverse() ?? .zero) }
            let y = witness("y") { yNumerator.value * (yDenominator.value.inverse() ?? .zero) }
            enforce(xDenominator * x == 2 * xy, "x")
            enforce(yDenominator * y == yNumerator, "y")
            return EdwardsPointSignal(x: x, y: y)
        }
    }
}
