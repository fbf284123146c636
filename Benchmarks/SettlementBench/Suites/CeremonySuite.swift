import Foundation
import Groth16

/// `ceremony`: the trusted setup of a chain of 2^K - 8 squarings (x_(i+1) = x_i², one public
/// output), as `settlement-agent setup` runs it: a fresh Powers of Tau of the power the circuit
/// needs and one contribution to it, the Lagrange levels the circuit needs, then phase 2's
/// `new`, one `contribute` and `verify` against the initial key. Each step runs once
/// (`--runs` repeats them); peak RSS is the process's. `--export DIR` writes the .r1cs.
enum CeremonySuite: BenchmarkSuite {
    static let name = "ceremony"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let logSize = options.logSize ?? 16
        let r1cs = squaringChain(constraints: (1 << logSize) - 8)
        if let dir = options.exportDirectory {
            try R1CSFile(r1cs: r1cs).write(to: URL(fileURLWithPath: dir).appendingPathComponent("ceremony_\(logSize).r1cs"))
        }
        let k = Phase2.domainPower(constraints: r1cs.constraints.count, publicInputs: r1cs.numPublic)
        let power = Phase2.requiredPower(domainPower: k)
        func result(_ step: String, n: Int, _ seconds: [Double]) -> BenchResult {
            BenchResult(suite: name, name: step, n: n, threads: options.threads, seconds: seconds,
                        extra: ["power": Double(power), "constraints": Double(r1cs.constraints.count)])
        }

        var ptau = try PowersOfTau.new(power: power)
        report(result("ptau-contribute", n: 1 << power, measure(runs: options.runs) {
            ptau = try! PowersOfTau.contribute(to: try! PowersOfTau.new(power: power), name: "bench", entropy: "").file
        }))
        var basis: Phase2Basis?
        report(result("phase2-bases", n: 1 << k, measure(runs: options.runs) {
            basis = try! Phase2Basis(r1cs: r1cs, ptau: ptau)
        }))
        var initial: ZKeyFile?
        report(result("zkey-new", n: 1 << k, measure(runs: options.runs) {
            initial = try! Phase2.newKey(r1cs: r1cs, basis: basis!)
        }))
        var contributed: ZKeyFile?
        report(result("zkey-contribute", n: 1 << k, measure(runs: options.runs) {
            contributed = try! Phase2.contribute(to: initial!, name: "bench", entropy: "").file
        }))
        report(result("zkey-verify", n: 1 << k, measure(runs: options.runs) {
            blackHole(try! Phase2.verify(contributed!, initial: initial!))
        }))
        report(result("ptau-verify", n: 1 << power, measure(runs: options.runs) {
            blackHole(try! PowersOfTau.verify(ptau))
        }))
    }

    /// x_0 (private input, wire 2) squared 'constraints' times; the last square is the public
    /// output (wire 1).
    static func squaringChain(constraints m: Int) -> R1CS {
        func wire(_ i: Int) -> Int { i == 0 ? 2 : (i == m ? 1 : i + 2) }
        let constraints = (0..<m).map { i in
            Constraint(a: [Term(wire: wire(i), coefficient: .one)], b: [Term(wire: wire(i), coefficient: .one)],
                       c: [Term(wire: wire(i + 1), coefficient: .one)])
        }
        return R1CS(numWires: m + 2, numPublicOutputs: 1, numPublicInputs: 0, numPrivateInputs: 1, constraints: constraints)
    }
}
