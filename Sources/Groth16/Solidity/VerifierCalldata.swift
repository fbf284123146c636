/// Calldata for the generated verifiers: ABI-encoded bytes (selector included) and a JSON
/// form with the same words as "0x"-prefixed hex strings.
public enum VerifierCalldata {
    /// The canonical signature of the single-proof verifier (snarkjs ABI) for `n` public signals.
    public static func verifyProofSignature(publicSignals n: Int) -> String {
        "verifyProof(uint256[2],uint256[2][2],uint256[2],uint256[\(n)])"
    }

    /// The canonical signature of the batch verifier for `n` public signals per proof.
    public static func verifyProofsSignature(publicSignals n: Int) -> String {
        "verifyProofs(uint256[8][],uint256[\(n)][])"
    }

    /// `verifyProof(pA, pB, pC, pubSignals)`: selector followed by 8 + n static words.
    public static func verifyProof(_ proof: Proof, publicSignals: [Fr]) -> [UInt8] {
        var out = Keccak256.selector(verifyProofSignature(publicSignals: publicSignals.count))
        for w in proof.evmWords { out += w }
        for s in publicSignals { out += s.bigEndianBytes }
        return out
    }

    /// `verifyProofs(proofs, pubSignals)` for proofs that all have `n` public signals.
    /// Precondition: at least one proof, and every entry has the same number of signals.
    public static func verifyProofs(_ batch: [(proof: Proof, publicSignals: [Fr])]) -> [UInt8] {
        precondition(!batch.isEmpty, "a batch needs at least one proof")
        return Keccak256.selector(verifyProofsSignature(publicSignals: batch[0].publicSignals.count)) + proofArrays(batch)
    }

    /// The arguments `(uint256[8][] proofs, uint256[n][] pubSignals)` that `verifyProofs` and the
    /// settlement registry's `settle` take: two dynamic arrays of static arrays (head offsets,
    /// then length-prefixed data), without a selector. Precondition as `verifyProofs`.
    public static func proofArrays(_ batch: [(proof: Proof, publicSignals: [Fr])]) -> [UInt8] {
        precondition(!batch.isEmpty, "a batch needs at least one proof")
        let n = batch[0].publicSignals.count
        precondition(batch.allSatisfy { $0.publicSignals.count == n }, "every proof in a batch has the same number of signals")
        let k = batch.count
        let proofsBytes = 32 * (1 + 8 * k)
        var out = ABIEncoding.word(64)
        out += ABIEncoding.word(64 + proofsBytes)
        out += ABIEncoding.word(k)
        for entry in batch { for w in entry.proof.evmWords { out += w } }
        out += ABIEncoding.word(k)
        for entry in batch { for s in entry.publicSignals { out += s.bigEndianBytes } }
        return out
    }

    /// The JSON form of single-proof calldata:
    /// `{"pA":[..2],"pB":[[..2],[..2]],"pC":[..2],"pubSignals":[..n],"calldata":"0x…"}`.
    public static func verifyProofJSON(_ proof: Proof, publicSignals: [Fr]) -> [String: Any] {
        let w = proof.evmWords.map(ABIEncoding.hex)
        return [
            "pA": [w[0], w[1]], "pB": [[w[2], w[3]], [w[4], w[5]]], "pC": [w[6], w[7]],
            "pubSignals": publicSignals.map { ABIEncoding.hex($0.bigEndianBytes) },
            "calldata": "0x" + ABIEncoding.hexDigits(verifyProof(proof, publicSignals: publicSignals)),
        ]
    }
}
