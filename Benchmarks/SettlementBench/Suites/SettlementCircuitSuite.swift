import Circuits

/// `settlement-circuit [--traces L]`: building the settlement circuit's R1CS (key generation,
/// `circuit export`) and a full witness (proving) for L = 4, 16, 64, or only the given L.
enum SettlementCircuitSuite: BenchmarkSuite {
    static let name = "settlement-circuit"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        for l in options.traces.map({ [$0] }) ?? [4, 16, 64] {
            let circuit = try SettlementCircuit(traces: l)
            let input = try SignedTransition.input(traces: l)
            var constraints = 0
            report(BenchResult(suite: name, name: "r1cs", n: l, threads: 1, seconds: measure(runs: options.runs) {
                let r1cs = circuit.r1cs()
                constraints = r1cs.constraints.count
                blackHole(r1cs)
            }, extra: ["constraints": Double(constraints)]))
            report(BenchResult(suite: name, name: "validate", n: l, threads: 1, seconds: measure(runs: options.runs) {
                try! input.validate(slots: l)
            }))
            report(BenchResult(suite: name, name: "witness", n: l, threads: 1, seconds: measure(runs: options.runs) {
                blackHole(try! circuit.witness(for: input))
            }, extra: ["constraints": Double(constraints)]))
        }
    }
}
