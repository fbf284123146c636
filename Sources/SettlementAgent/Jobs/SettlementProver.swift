import Circuits
import Dispatch
import Foundation
import Groth16
import Traces

/// Proves settlement transitions with the agent's proving key: witness from the job's signed
/// traces, Groth16 proof, and a local verification before anything is stored, so only proofs
/// that verify are ever offered as calldata.
final class SettlementProver: Sendable {
    let circuit: SettlementCircuit
    let prover: Groth16Prover
    let verifyingKey: PreparedVerifyingKey
    let domain: SettlementDomain
    let provider: Address

    /// Why a job could not be proved. `retryable` is false for problems another attempt cannot fix.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        let retryable: Bool
    }

    /// A prover for `provingKey` whose proofs are checked against `verifyingKey`, the key the
    /// chain's verifier is made from (`verification_key.json`). Throws, naming both keys'
    /// hashes, when the proving key's own verifying key differs: its proofs would never verify
    /// on chain.
    init(provingKey: ProvingKey, verifyingKey: VerifyingKey, tracesPerTransition: Int, domain: SettlementDomain,
         provider: Address) throws {
        circuit = try SettlementCircuit(traces: tracesPerTransition)
        let info = circuit.info()
        guard provingKey.numPublic == info.publicInputs, provingKey.numVariables == info.wires else {
            throw Failure(description: "the proving key (\(provingKey.numVariables) wires, \(provingKey.numPublic) public) is not for the settlement circuit with \(tracesPerTransition) traces (\(info.wires) wires, \(info.publicInputs) public); keys made for another version of the circuit must be made again with `settlement-agent setup`", retryable: false)
        }
        guard provingKey.verifyingKey == verifyingKey else {
            throw Failure(description: "the proving key's verifying key (keccak-256 of its snarkjs JSON \(Self.hash(provingKey.verifyingKey))) differs from the loaded verification key (\(Self.hash(verifyingKey))): proofs would not verify on chain; use the circuit.zkey and verification_key.json of one setup", retryable: false)
        }
        prover = try Groth16Prover(key: provingKey)
        self.verifyingKey = try PreparedVerifyingKey(verifyingKey)
        self.domain = domain
        self.provider = provider
    }

    /// Keccak-256 of a key's snarkjs JSON, hex: how the two keys are named when they differ.
    static func hash(_ key: VerifyingKey) -> String {
        ABIEncoding.hexDigits(Keccak256.hash(Array(VerificationKeyJSON(key: key, alphaBeta: nil).snarkjsJSON().utf8)))
    }

    /// The proof of one job, verified against the loaded verifying key, with per-stage seconds.
    func prove(_ job: ProvingJob) throws -> (proof: StoredProof, timings: [String: Double]) {
        let start = DispatchTime.now().uptimeNanoseconds
        let input = try job.witnessInput(domain: domain, provider: provider)
        let witness: Witness
        do { witness = try circuit.witness(for: input) } catch {
            throw Failure(description: "transition \(job.transition.id) cannot be proved: \(error)", retryable: false)
        }
        let witnessSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let (proof, timings) = try prover.prove(witness)
        let signals = input.statement.publicSignals
        guard prover.publicSignals(witness) == signals else {
            throw Failure(description: "transition \(job.transition.id): the witness's public signals differ from the statement", retryable: false)
        }
        let verifyStart = DispatchTime.now().uptimeNanoseconds
        guard try Groth16Verifier.verify(proof, publicSignals: signals, key: verifyingKey) else {
            throw Failure(description: "transition \(job.transition.id): the proof does not verify", retryable: true)
        }
        var stages = timings.stages
        stages["witness"] = witnessSeconds
        stages["verify"] = Double(DispatchTime.now().uptimeNanoseconds - verifyStart) / 1e9
        stages["total"] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (StoredProof(proofJSON: proof.snarkjsJSON(), publicJSON: PublicSignalsJSON.encode(signals)), stages)
    }

    /// A proof of a throw-away transition (a fresh signer key, one trace of fee 1), verified
    /// here: what the start-up check asks the chain's verifier to accept, so a verifier made
    /// from other keys is found before any trace is taken.
    func probe() throws -> (proof: Proof, publicSignals: [Fr]) {
        let key = EdDSAPrivateKey.generate()
        let publicKey = EdDSAPoseidon.publicKey(of: key)
        let user = provider
        let trace = TraceSigning.sign(user: user, provider: provider, nonce: 1, fee: 1, requestHash: .zero, domain: domain, key: key)
        let statement = SettlementStatement(
            domain: domain.value, provider: provider.fieldElement, user: user.fieldElement,
            signerKeyHash: SettlementStatement.signerKeyHash(of: publicKey), initNonce: 0, finalNonce: 1,
            initBalance: 1, finalBalance: 0)
        let input = SettlementWitnessInput(
            statement: statement, signerKey: publicKey,
            traces: [.init(nonce: 1, fee: 1, requestHash: .zero,
                           signature: EdDSAPoseidon.Signature(r8: BabyJubJub.Point(uncheckedX: trace.signature.r8x, y: trace.signature.r8y),
                                                              s: trace.signature.s))])
        let (proof, _) = try prover.prove(try circuit.witness(for: input))
        let signals = statement.publicSignals
        guard try Groth16Verifier.verify(proof, publicSignals: signals, key: verifyingKey) else {
            throw Failure(description: "the probe proof does not verify under the loaded verification key", retryable: false)
        }
        return (proof, signals)
    }
}
