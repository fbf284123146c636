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
        let entries = try proofs(s)
        let batch = entries.map { ($0.proof, $0.publicSignals) }
        let proofs: [[String: Any]] = entries.map { e in
            var entry = VerifierCalldata.verifyProofJSON(e.proof, publicSignals: e.publicSignals)
            entry["transitionId"] = e.transition.id
            entry["user"] = e.transition.transition.user.description
            entry["publicSignalsDecimal"] = e.publicSignals.map(\.decimalString)
            return entry
        }
        let n = batch.first?.1.count ?? 0
        return [
            "settlementId": s.id, "status": s.status.rawValue,
            "function": VerifierCalldata.verifyProofSignature(publicSignals: n), "proofs": proofs,
            "batch": ["function": VerifierCalldata.verifyProofsSignature(publicSignals: n),
                      "calldata": "0x" + ABIEncoding.hexDigits(VerifierCalldata.verifyProofs(batch))],
            "settle": ["function": SettlementRegistry.settleSignature,
                       "calldata": "0x" + ABIEncoding.hexDigits(SettlementRegistry.settleCalldata(batch))],
        ]
    }

    /// `settle` calldata for the transitions of `s` that still wait for the chain (proved,
    /// not skipped, no Settled event yet), with how many there are.
    static func settle(_ s: SettlementRecord) throws -> (calldata: [UInt8], transitions: Int) {
        let waiting = try proofs(s).filter { $0.transition.settledBlock == nil }
        return (waiting.isEmpty ? [] : SettlementRegistry.settleCalldata(waiting.map { ($0.proof, $0.publicSignals) }), waiting.count)
    }

    /// The proofs of the settlement's proved transitions (a transition the registry skipped,
    /// now abandoned, is not offered again), in order.
    private static func proofs(_ s: SettlementRecord) throws -> [(transition: TransitionRecord, proof: Proof, publicSignals: [Fr])] {
        try s.transitions.filter { $0.status == .proved }.map { t in
            guard let stored = t.proof else { throw StoreError.corrupt("transition \(t.id) is proved but has no proof") }
            return (t, try Proof(snarkjsJSON: Data(stored.proofJSON.utf8)), try PublicSignalsJSON.decode(Data(stored.publicJSON.utf8)))
        }
    }
}
