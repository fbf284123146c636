import Foundation

/// verification_key.json as snarkjs writes it: "protocol", "curve", "nPublic", "vk_alpha_1",
/// "vk_beta_2", "vk_gamma_2", "vk_delta_2", "vk_alphabeta_12", "IC", in that order, points in
/// projective decimal form.
///
/// `vk_alphabeta_12` is not needed to verify. snarkjs fills it with e(α, β) computed with its
/// own final-exponentiation variant (the optimal-ate value raised to 2z(6z²+3z+1)), so it is
/// read and kept as given, and written only when the caller supplies it.
public struct VerificationKeyJSON: Equatable, Sendable {
    public var key: VerifyingKey
    /// vk_alphabeta_12 flattened in file order: element [i][j][k] (Fp12 half i, Fp6
    /// coefficient j, Fp2 coefficient k) at index 6i + 2j + k. Nil when absent.
    public var alphaBeta: [Fp]?

    public init(key: VerifyingKey, alphaBeta: [Fp]?) {
        precondition(alphaBeta == nil || alphaBeta!.count == 12, "vk_alphabeta_12 has 12 coordinates")
        self.key = key
        self.alphaBeta = alphaBeta
    }

    /// Reads verification_key.json. Checks every point (canonical, on the curve, G2 points in
    /// the subgroup), that IC has nPublic + 1 points, and that "protocol" and "curve", when
    /// present, are "groth16" and "bn128". vk_alphabeta_12 is optional; when present it must be
    /// 2 x 3 x 2 canonical decimal strings.
    public init(snarkjsJSON data: Data) throws {
        let doc = try JSONCursor(parsing: data, file: .verificationKeyJSON)
        try doc.expectOptionalTag("protocol", "groth16")
        try doc.expectOptionalTag("curve", "bn128")
        let nPublicField = try doc.field("nPublic")
        let nPublic = try nPublicField.integer()
        guard nPublic >= 0 else { throw nPublicField.error("must not be negative") }
        let icField = try doc.field("IC")
        let ic = try icField.array().map { try $0.g1() }
        guard ic.count == nPublic + 1 else {
            throw icField.error("has \(ic.count) points, nPublic \(nPublic) requires \(nPublic + 1)")
        }
        key = VerifyingKey(alpha1: try doc.field("vk_alpha_1").g1(), beta2: try doc.field("vk_beta_2").g2(),
                           gamma2: try doc.field("vk_gamma_2").g2(), delta2: try doc.field("vk_delta_2").g2(), ic: ic)
        alphaBeta = try doc.optionalField("vk_alphabeta_12").map { field in
            try field.array(count: 2).flatMap { half in
                try half.array(count: 3).flatMap { pair in
                    try pair.array(count: 2).map { element in
                        do { return try Fp(decimal: try element.string()) } catch let e as FieldError {
                            throw FormatError(file: .verificationKeyJSON, .invalidScalar(what: element.path, index: nil, e))
                        }
                    }
                }
            }
        }
    }

    /// verification_key.json text in snarkjs's layout (`indent` spaces per level; snarkjs's CLI
    /// uses 1). vk_alphabeta_12 is written only when `alphaBeta` is set.
    public func snarkjsJSON(indent: Int = 1) -> String {
        var members: [(key: String, value: JSONValue)] = [
            ("protocol", .string("groth16")),
            ("curve", .string("bn128")),
            ("nPublic", .integer(key.numPublic)),
            ("vk_alpha_1", .g1(key.alpha1)),
            ("vk_beta_2", .g2(key.beta2)),
            ("vk_gamma_2", .g2(key.gamma2)),
            ("vk_delta_2", .g2(key.delta2)),
        ]
        if let alphaBeta {
            members.append(("vk_alphabeta_12", .array((0..<2).map { i in
                .array((0..<3).map { j in .array((0..<2).map { k in .string(alphaBeta[6 * i + 2 * j + k].decimalString) }) })
            })))
        }
        members.append(("IC", .array(key.ic.map { .g1($0) })))
        return JSONValue.object(members).text(indent: indent)
    }
}

extension VerifyingKey {
    /// Reads verification_key.json (see `VerificationKeyJSON`), keeping only the key.
    public init(snarkjsJSON data: Data) throws {
        self = try VerificationKeyJSON(snarkjsJSON: data).key
    }
}
