import ArgumentParser
import Foundation
import Groth16

/// `prove --log-size K [--export DIR]`: a Groth16 proof of a chain of squarings with 2^K - 8
/// constraints (x_{i+1} = x_i², public x_0 and x_m), keys from `DevelopmentSetup` (not timed).
/// `--export DIR` also writes chain.r1cs and chain.wtns so a peer proves the same statement.
enum ProveSuite: BenchmarkSuite {
    static let name = "prove"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let k = options.logSize ?? 16
        guard (4...24).contains(k) else { throw ValidationError("prove: --log-size must be in 4...24") }
        let (r1cs, witness) = squaringChain(constraints: (1 << k) - 8)
        if let dir = options.exportDirectory {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try R1CSFile(r1cs: r1cs, numLabels: UInt64(r1cs.numWires)).write(to: URL(fileURLWithPath: dir + "/chain.r1cs"))
            try witness.write(to: URL(fileURLWithPath: dir + "/chain.wtns"))
        }
        let key = DevelopmentSetup.insecureKeys(for: r1cs)
        let prover = try Groth16Prover(key: key)
        var timings: [ProvingTimings] = []
        var last: Proof?
        let seconds = measure(runs: options.runs) {
            let result = try! prover.prove(witness)
            timings.append(result.timings)
            last = result.proof
        }
        guard let proof = last, try Groth16Verifier.verify(proof, publicSignals: prover.publicSignals(witness), key: key.verifyingKey) else {
            throw ValidationError("prove: the benchmark's proof does not verify")
        }
        var extra: [String: Double] = [:]
        for stage in ["evaluate", "ntt", "msm_a", "msm_b", "msm_c"] {
            let values = timings.map { $0.stages[stage] ?? 0 }.sorted()
            extra["stage_\(stage)_s"] = values[values.count / 2]
        }
        report(BenchResult(suite: name, name: "chain-of-squarings", n: r1cs.constraints.count, threads: options.threads,
                           seconds: seconds, extra: extra))
    }

    /// x_0 = 3, x_{i+1} = x_i²; wires: 1 = x_m (public output), 2 = x_0 (public input), then x_1 ... x_{m-1}.
    static func squaringChain(constraints m: Int) -> (R1CS, Witness) {
        func wire(_ i: Int) -> Int { i == 0 ? 2 : i == m ? 1 : i + 2 }
        var values = [Fr](repeating: .zero, count: m + 2)
        values[0] = .one
        var x = Fr(3)
        values[wire(0)] = x
        var constraints: [Constraint] = []
        constraints.reserveCapacity(m)
        for i in 0..<m {
            let lc: LinearCombination = [Term(wire: wire(i), coefficient: .one)]
            constraints.append(Constraint(a: lc, b: lc, c: [Term(wire: wire(i + 1), coefficient: .one)]))
            x = x.squared()
            values[wire(i + 1)] = x
        }
        let r1cs = R1CS(numWires: m + 2, numPublicOutputs: 1, numPublicInputs: 1, numPrivateInputs: 0, constraints: constraints)
        return (r1cs, Witness(values: values))
    }
}
