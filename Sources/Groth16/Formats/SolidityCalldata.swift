/// The text `snarkjs zkey export soliditycalldata` prints for a proof and its public signals:
/// the four arguments of `verifyProof(uint[2] pA, uint[2][2] pB, uint[2] pC, uint[N] pub)` as
/// "0x" + 64 lower-case hex digits each. G2 coordinates go imaginary part first, as the EVM
/// pairing precompile expects. The proof arrays are separated by ", ", the public signals by
/// "," (snarkjs's spacing).
public enum SolidityCalldata {
    public static func snarkjsText(proof: Proof, publicSignals: [Fr]) -> String {
        func pair(_ x: String, _ y: String) -> String { "[\(quoted(x)), \(quoted(y))]" }
        func quoted(_ s: String) -> String { "\"\(s)\"" }
        let a = pair(proof.a.x.hexString, proof.a.y.hexString)
        let b = "[" + pair(proof.b.x.c1.hexString, proof.b.x.c0.hexString) + ","
            + pair(proof.b.y.c1.hexString, proof.b.y.c0.hexString) + "]"
        let c = pair(proof.c.x.hexString, proof.c.y.hexString)
        let inputs = "[" + publicSignals.map { quoted($0.hexString) }.joined(separator: ",") + "]"
        return [a, b, c, inputs].joined(separator: ",")
    }
}
