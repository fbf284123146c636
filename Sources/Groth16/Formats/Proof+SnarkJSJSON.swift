import Foundation

// proof.json as snarkjs writes it: {"pi_a": [x, y, "1"], "pi_b": [[x.c0, x.c1], [y.c0, y.c1],
// ["1", "0"]], "pi_c": [x, y, "1"], "protocol": "groth16", "curve": "bn128"}, decimal strings.

extension Proof {
    /// Reads proof.json. Every point is checked (canonical coordinates, on the curve, B in the
    /// subgroup); "protocol" and "curve", when present, must be "groth16" and "bn128".
    public init(snarkjsJSON data: Data) throws {
        let doc = try JSONCursor(parsing: data, file: .proofJSON)
        try doc.expectOptionalTag("protocol", "groth16")
        try doc.expectOptionalTag("curve", "bn128")
        self.init(a: try doc.field("pi_a").g1(), b: try doc.field("pi_b").g2(), c: try doc.field("pi_c").g1())
    }

    /// proof.json text in snarkjs's layout (`indent` spaces per level; snarkjs's CLI uses 1).
    public func snarkjsJSON(indent: Int = 1) -> String {
        JSONValue.object([
            ("pi_a", .g1(a)),
            ("pi_b", .g2(b)),
            ("pi_c", .g1(c)),
            ("protocol", .string("groth16")),
            ("curve", .string("bn128")),
        ]).text(indent: indent)
    }
}
