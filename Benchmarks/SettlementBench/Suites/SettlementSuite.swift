import ArgumentParser
import Circuits
import Foundation
import Groth16

/// `settlement --traces L [--export DIR]`: one account's settlement proof, as a proving job
/// makes it: the witness of a signed L-trace transition (native checks included), then the
/// Groth16 proof. Keys from `DevelopmentSetup` (not timed). `--export DIR` writes
/// settlement.r1cs and settlement.wtns so a peer proves the same statement. With `--accounts N`
/// (N > 1) it also proves N accounts' transitions at once, one concurrent job each, as the
/// agent's proving workers do, and reports the time for all N.
enum SettlementSuite: BenchmarkSuite {
    /// Results written by concurrent jobs.
    final class SendableBox<Value>: @unchecked Sendable {
        let lock = NSLock()
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    static let name = "settlement"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let l = options.traces ?? 16
        let circuit = try SettlementCircuit(traces: l)
        let input = try SignedTransition.input(traces: l)
        let r1cs = circuit.r1cs()
        if let dir = options.exportDirectory {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try R1CSFile(r1cs: r1cs, numLabels: UInt64(r1cs.numWires)).write(to: URL(fileURLWithPath: dir + "/settlement.r1cs"))
            try circuit.witness(for: input).write(to: URL(fileURLWithPath: dir + "/settlement.wtns"))
        }
        let key = DevelopmentSetup.insecureKeys(for: r1cs)
        let prover = try Groth16Prover(key: key)
        var stages: [String: [Double]] = [:]
        var last: (Proof, [Fr])?
        let seconds = measure(runs: options.runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            let witness = try! circuit.witness(for: input)
            stages["witness", default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            let result = try! prover.prove(witness)
            for (stage, s) in result.timings.stages { stages[stage, default: []].append(s) }
            last = (result.proof, prover.publicSignals(witness))
        }
        guard let (proof, signals) = last, signals == input.statement.publicSignals,
              try Groth16Verifier.verify(proof, publicSignals: signals, key: key.verifyingKey) else {
            throw ValidationError("settlement: the benchmark's proof does not verify")
        }
        var extra: [String: Double] = ["constraints": Double(r1cs.constraints.count)]
        for (stage, values) in stages { extra["stage_\(stage)_s"] = values.sorted()[values.count / 2] }
        report(BenchResult(suite: name, name: "prove-transition", n: l, threads: options.threads, seconds: seconds,
                           extra: extra))
        guard options.accounts > 1 else { return }
        let inputs = try (0..<options.accounts).map { try SignedTransition.input(traces: l, account: $0) }
        let proofs = SendableBox([Proof?](repeating: nil, count: inputs.count))
        let together = measure(runs: options.runs) {
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
                let proof = try! prover.prove(try! circuit.witness(for: inputs[i])).proof
                proofs.lock.withLock { proofs.value[i] = proof }
            }
        }
        for (proof, input) in zip(proofs.value, inputs) {
            guard let proof, try Groth16Verifier.verify(proof, publicSignals: input.statement.publicSignals, key: key.verifyingKey) else {
                throw ValidationError("settlement: a concurrent account's proof does not verify")
            }
        }
        report(BenchResult(suite: name, name: "prove-accounts", n: l, threads: options.threads, seconds: together,
                           extra: ["accounts": Double(inputs.count), "constraints": Double(r1cs.constraints.count)]))
    }
}
