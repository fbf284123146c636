import Circuits
import Groth16

extension ProvingJob {
    /// The statement and witness input of this job's transition, for the settlement circuit
    /// with `tracesPerTransition` slots. The circuit's native validation runs on it before any
    /// constraint is built (`SettlementCircuit.witness(for:)`), naming the trace and the field
    /// of anything that cannot be proved.
    public func witnessInput(domain: SettlementDomain, provider: Address) throws -> SettlementWitnessInput {
        let t = transition.transition
        let statement = SettlementStatement(
            domain: domain.value, provider: provider.fieldElement, user: t.user.fieldElement,
            signerKeyHash: account.signerKeyHash, initNonce: t.initNonce, finalNonce: t.finalNonce,
            initBalance: t.initBalance, finalBalance: t.finalBalance)
        let slots = traces.map { trace in
            SettlementWitnessInput.Trace(
                nonce: trace.nonce, fee: trace.fee, requestHash: trace.requestHash,
                signature: EdDSAPoseidon.Signature(r8: BabyJubJub.Point(uncheckedX: trace.signature.r8x, y: trace.signature.r8y),
                                                   s: trace.signature.s))
        }
        return SettlementWitnessInput(statement: statement,
                                      signerKey: BabyJubJub.Point(uncheckedX: account.signerKey.ax, y: account.signerKey.ay),
                                      traces: slots)
    }
}
