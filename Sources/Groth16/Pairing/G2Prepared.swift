/// A G2 point with the lines of its Miller loop precomputed: the loop then needs only the
/// G1 point, so a verifier prepares its fixed G2 points (β, γ, δ) once and reuses them.
public struct G2Prepared: Sendable {
    /// The line coefficients in loop order; empty for the point at infinity.
    let lines: [LineCoefficients]

    /// The point the lines belong to.
    public let point: G2Affine

    /// Whether the point is the point at infinity (whose pairings are all 1).
    public var isInfinity: Bool { lines.isEmpty }

    /// Runs the Miller loop's point arithmetic for `q` and records every line. `q` must be a
    /// valid G2 point (on the twist, in the subgroup), as every decoded G2Affine is.
    public init(_ q: G2Affine) {
        point = q
        if q.isInfinity {
            lines = []
            return
        }
        var lines: [LineCoefficients] = []
        lines.reserveCapacity(MillerLoop.lineCount)
        var t = G2Homogeneous(q)
        let negQ = -q
        for digit in MillerLoop.digits {
            lines.append(t.doubleStep())
            if digit == 1 { lines.append(t.addStep(q)) } else if digit == -1 { lines.append(t.addStep(negQ)) }
        }
        // T = [6x + 2]Q; add π(Q), then -π²(Q) (π acts on G2 as ψ).
        let q1 = q.psi()
        let q2 = -q1.psi()
        lines.append(t.addStep(q1))
        lines.append(t.addStep(q2))
        self.lines = lines
    }
}
