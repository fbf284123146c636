import Circuits
import Foundation
import Groth16
import Traces

/// The calldata a proved settlement offers the chain (GET /v1/settlements/{id}/calldata, and
/// the `demo` summary); see doc/CALLDATA.md.
enum SettlementCalldata {
    /// Calldata of every proof of a proved settlement: per transition for `verifyProof`, one
    /// `verifyProofs` call for the batch verifier, and one `settle` call for the registry.
    static func json(_ s: SettlementRecord) throws -> [String: Any] {
        var batch: [(proof: Proof, publicSignals: [Fr])] = []
        var proofs: [[String: Any]] = []
        for t in s.transitions {
            guard let stored = t.proof else { throw StoreError.corrupt("transition \(t.id) is proved but has no proof") }
            let proof = try Proof(snarkjsJSON: Data(stored.proofJSON.utf8))
            let signals = try PublicSignalsJSON.decode(Data(stored.publicJSON.utf8))
            batch.append((proof, signals))
            var entry = VerifierCalldata.verifyProofJSON(proof, publicSignals: signals)
            entry["transitionId"] = t.id
            entry["user"] = t.transition.user.description
            entry["publicSignalsDecimal"] = signals.map(\.decimalString)
            proofs.append(entry)
        }
        let n = batch.first?.publicSignals.count ?? 0
        return [
            "settlementId": s.id, "status": s.status.rawValue,
            "function": VerifierCalldata.verifyProofSignature(publicSignals: n), "proofs": proofs,
            "batch": ["function": VerifierCalldata.verifyProofsSignature(publicSignals: n),
                      "calldata": "0x" + ABIEncoding.hexDigits(VerifierCalldata.verifyProofs(batch))],
            "settle": ["function": SettlementRegistry.settleSignature,
                       "calldata": "0x" + ABIEncoding.hexDigits(SettlementRegistry.settleCalldata(batch))],
        ]
    }
}
