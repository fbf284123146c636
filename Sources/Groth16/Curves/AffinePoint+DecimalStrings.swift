// The snarkjs JSON forms (proof.json, verification_key.json): projective coordinates as
// decimal strings. G1: [x, y, "1"], infinity ["0", "1", "0"]. G2: [[x.c0, x.c1], [y.c0, y.c1],
// ["1", "0"]], infinity [["0","0"], ["1","0"], ["0","0"]].

extension AffinePoint where C == G1Parameters {
    /// [x, y, z] decimal strings, z = "1" (or the snarkjs infinity ["0", "1", "0"]).
    public var decimalStrings: [String] {
        isInfinity ? ["0", "1", "0"] : [x.decimalString, y.decimalString, "1"]
    }

    /// Parses [x, y] or [x, y, z] decimal strings; z must be "1", or "0" for infinity.
    /// Checks the point is on the curve.
    public init(decimalStrings s: [String]) throws {
        guard s.count == 2 || s.count == 3 else {
            throw CurveError.malformedEncoding(group: "G1", reason: "expected 2 or 3 coordinates, got \(s.count)")
        }
        let z = s.count == 3 ? s[2] : "1"
        if z == "0" { self = .infinity; return }
        guard z == "1" else {
            throw CurveError.malformedEncoding(group: "G1", reason: "z must be \"1\" (or \"0\" for infinity), got \"\(z)\"")
        }
        do {
            try self.init(x: Fp(decimal: s[0]), y: Fp(decimal: s[1]))
        } catch let e as FieldError {
            throw CurveError.invalidCoordinate(group: "G1", reason: e.description)
        }
    }
}

extension AffinePoint where C == G2Parameters {
    /// [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]] decimal strings.
    public var decimalStrings: [[String]] {
        if isInfinity { return [["0", "0"], ["1", "0"], ["0", "0"]] }
        return [[x.c0.decimalString, x.c1.decimalString], [y.c0.decimalString, y.c1.decimalString], ["1", "0"]]
    }

    /// Parses the snarkjs G2 form (2 or 3 pairs; the third must be ["1","0"], or ["0","0"] for
    /// infinity). Checks the point is on the twist and in the subgroup.
    public init(decimalStrings s: [[String]]) throws {
        guard (s.count == 2 || s.count == 3), s.allSatisfy({ $0.count == 2 }) else {
            throw CurveError.malformedEncoding(group: "G2", reason: "expected 2 or 3 pairs of coordinates")
        }
        let z = s.count == 3 ? s[2] : ["1", "0"]
        if z == ["0", "0"] { self = .infinity; return }
        guard z == ["1", "0"] else {
            throw CurveError.malformedEncoding(group: "G2", reason: "z must be [\"1\",\"0\"] (or [\"0\",\"0\"] for infinity)")
        }
        do {
            try self.init(x: Fp2(Fp(decimal: s[0][0]), Fp(decimal: s[0][1])),
                          y: Fp2(Fp(decimal: s[1][0]), Fp(decimal: s[1][1])))
        } catch let e as FieldError {
            throw CurveError.invalidCoordinate(group: "G2", reason: e.description)
        }
    }
}
