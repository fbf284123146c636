/// A Baby Jubjub point in twisted Edwards coordinates, as signals.
public struct EdwardsPointSignal: Sendable {
    public var x: Signal
    public var y: Signal

    public init(x: Signal, y: Signal) {
        self.x = x
        self.y = y
    }

    /// A constant point (no wires).
    public static func constant(_ p: BabyJubJub.Point) -> EdwardsPointSignal {
        EdwardsPointSignal(x: .constant(p.x), y: .constant(p.y))
    }

    /// The witness value.
    public var value: BabyJubJub.Point { BabyJubJub.Point(uncheckedX: x.value, y: y.value) }

    /// −P = (−x, y) (free).
    public static prefix func - (p: EdwardsPointSignal) -> EdwardsPointSignal { EdwardsPointSignal(x: -p.x, y: p.y) }
}

/// A point of the Montgomery form v² = u³ + A·u² + u (B = 1) as signals. Used inside scalar
/// multiplications, where affine Montgomery addition costs three constraints; its formulas
/// exclude the identity, the point of order 2, and adding ±P to P, so callers arrange that
/// these never occur.
struct MontgomeryPointSignal: Sendable {
    var u: Signal
    var v: Signal

    static func constant(_ m: (u: Fr, v: Fr)) -> MontgomeryPointSignal {
        MontgomeryPointSignal(u: .constant(m.u), v: .constant(m.v))
    }

    static prefix func - (p: MontgomeryPointSignal) -> MontgomeryPointSignal { MontgomeryPointSignal(u: p.u, v: -p.v) }
}

extension BabyJubJub.Point {
    /// Montgomery coordinates u = (1 + y)/(1 − y), v = u/x; nil for the identity and the point
    /// of order 2 (x = 0), which have none.
    var montgomery: (u: Fr, v: Fr)? {
        guard let xInverse = x.inverse(), let denominator = (Fr.one - y).inverse() else { return nil }
        let u = (Fr.one + y) * denominator
        return (u, u * xInverse)
    }
}
