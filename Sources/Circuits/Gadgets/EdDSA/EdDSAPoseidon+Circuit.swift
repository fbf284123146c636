/// An EdDSA public key A checked in the circuit, with the table of multiples of 8·A that
/// signature checks under this key share (see `ConstraintSystem.eddsaPublicKey`).
public struct EdDSAPublicKeySignal: Sendable {
    /// The key A as given.
    public let point: EdwardsPointSignal
    /// Multiples of 8·A for 254-bit scalars.
    let table: VariableBaseTable
}

extension ConstraintSystem {
    /// Checks a public key once for every signature made with it: A is on the curve and 8·A
    /// is not the identity (A is not of small order), so 8·A has the prime order l; then
    /// tabulates 8·A. About 1,300 constraints, unconditionally (the key must be valid).
    public func eddsaPublicKey(_ a: EdwardsPointSignal) -> EdDSAPublicKeySignal {
        scope("eddsaKey") {
            let squares = enforceOnCurve(a)
            let a2 = edwardsDouble(a, squares: squares)
            let a8 = edwardsDouble(edwardsDouble(a2))
            enforceNonZero(a8.x, "A not of small order")
            return EdDSAPublicKeySignal(point: a, table: variableBaseTable(for: a8, bits: 254))
        }
    }

    /// EdDSA-Poseidon verification (circomlib's EdDSAPoseidonVerifier) under a checked key.
    ///
    /// With `enabled` = 1 it enforces S < l and S·Base8 = R8 + (8·h)·A for
    /// h = Poseidon(R8x, R8y, Ax, Ay, message); R8 is then on the curve, since it equals a sum of
    /// points. With `enabled` = 0 every value of R8, S and message satisfies it: S, h and R8 are
    /// replaced by 0, 0 and the identity (enabled·S, enabled·h, enabled·R8 + (1 − enabled)·O),
    /// so the equation reads O = O + O. About 2,560 constraints per signature.
    public func eddsaPoseidonVerify(key: EdDSAPublicKeySignal, message: Signal, r8: EdwardsPointSignal, s: Signal,
                                    enabled: Bit) {
        scope("eddsa") {
            let on = enabled.signal
            let sBits = scope("S") { bits(of: on * s, count: 251) }
            scope("S < l") { enforceLessOrEqual(sBits, BabyJubJub.subgroupOrder - 1) }
            let left = scalarMultiply(sBits, fixedBase: BabyJubJub.base8)
            let h = poseidon([r8.x, r8.y, key.point.x, key.point.y, message])
            let hBits = scope("h") { bitsStrict(of: on * h) }
            let right = scalarMultiply(hBits, table: key.table)
            let r8Enabled = EdwardsPointSignal(x: product(on, r8.x, "enabled·R8x"),
                                               y: 1 + product(on, r8.y - 1, "enabled·(R8y − 1)"))
            scope("S·B8 − h·8A = R8") { enforceEdwardsSum(left, -right, equals: r8Enabled) }
        }
    }

    /// circomlib's EdDSAPoseidonVerifier(enabled, Ax, Ay, S, R8x, R8y, M) in one call. The key
    /// checks apply only when enabled: the key is replaced by Base8 when `enabled` = 0, so that
    /// every input value satisfies the constraints then. About 3,850 constraints.
    public func eddsaPoseidonVerify(enabled: Bit, publicKey a: EdwardsPointSignal, message: Signal,
                                    r8: EdwardsPointSignal, s: Signal) {
        let base8 = BabyJubJub.base8
        let key = eddsaPublicKey(EdwardsPointSignal(x: select(enabled, a.x, .constant(base8.x)),
                                                    y: select(enabled, a.y, .constant(base8.y))))
        eddsaPoseidonVerify(key: key, message: message, r8: r8, s: s, enabled: enabled)
    }
}
