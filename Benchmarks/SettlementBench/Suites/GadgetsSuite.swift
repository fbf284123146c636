import Circuits

/// `gadgets [--traces K]`: native Poseidon and EdDSA-Poseidon, and building K signature checks
/// under one prepared key (the settlement circuit's heaviest part) in each builder mode.
enum GadgetsSuite: BenchmarkSuite {
    static let name = "gadgets"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let inputs = (1...5).map { Fr(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        _ = try Poseidon.hash(inputs)  // parameters generated before timing
        _ = try Poseidon.hash([inputs[0], inputs[1]])
        var sink = Fr.zero
        for arity in [2, 5] {
            let seconds = measure(runs: options.runs, perRun: 1000) {
                for _ in 0..<1000 { sink += try! Poseidon.hash(Array(inputs.prefix(arity))) }
            }
            report(BenchResult(suite: name, name: "poseidon-\(arity)", n: 1, threads: 1, seconds: seconds))
        }
        blackHole(sink)

        let key = try EdDSAPrivateKey(bytes: (0..<32).map { UInt8($0) })
        let a = EdDSAPoseidon.publicKey(of: key)
        var signature = EdDSAPoseidon.sign(inputs[0], with: key)
        report(BenchResult(suite: name, name: "eddsa-sign", n: 1, threads: 1, seconds: measure(runs: options.runs, perRun: 20) {
            for _ in 0..<20 { signature = EdDSAPoseidon.sign(inputs[0], with: key) }
        }))
        var valid = true
        report(BenchResult(suite: name, name: "eddsa-verify", n: 1, threads: 1, seconds: measure(runs: options.runs, perRun: 20) {
            for _ in 0..<20 { valid = valid && EdDSAPoseidon.verify(inputs[0], signature: signature, publicKey: a) }
        }))
        // With the key prepared once (its comb table), as the agent verifies traces.
        let prepared = EdDSAPoseidon.PreparedKey(a)!
        report(BenchResult(suite: name, name: "eddsa-verify-prepared", n: 1, threads: 1, seconds: measure(runs: options.runs, perRun: 20) {
            for _ in 0..<20 { valid = valid && EdDSAPoseidon.verify(inputs[0], signature: signature, key: prepared) }
        }))
        report(BenchResult(suite: name, name: "eddsa-prepare-key", n: 1, threads: 1, seconds: measure(runs: options.runs, perRun: 5) {
            for _ in 0..<5 { blackHole(EdDSAPoseidon.PreparedKey(a)) }
        }))
        precondition(valid)

        let k = options.traces ?? 16
        let signatures = (0..<k).map { i in EdDSAPoseidon.sign(Fr(UInt64(i)), with: key) }
        func build(_ mode: ConstraintSystem.Mode) -> ConstraintSystem {
            let cs = ConstraintSystem(mode: mode)
            let keySignal = cs.eddsaPublicKey(EdwardsPointSignal(x: cs.privateInput("Ax", value: a.x), y: cs.privateInput("Ay", value: a.y)))
            for (i, sig) in signatures.enumerated() {
                cs.scope("trace", index: i) {
                    let r8 = EdwardsPointSignal(x: cs.privateInput("R8x", value: sig.r8.x), y: cs.privateInput("R8y", value: sig.r8.y))
                    cs.eddsaPoseidonVerify(key: keySignal, message: cs.privateInput("M", value: Fr(UInt64(i))), r8: r8,
                                           s: cs.privateInput("S", value: sig.s), enabled: cs.booleanInput("enabled", value: true))
                }
            }
            return cs
        }
        var constraints = 0
        for (label, mode) in [("full", ConstraintSystem.Mode.full), ("constraints-only", .constraintsOnly), ("witness-only", .witnessOnly)] {
            let seconds = measure(runs: options.runs) { constraints = build(mode).constraintCount }
            report(BenchResult(suite: name, name: "build-eddsa-\(label)", n: k, threads: 1, seconds: seconds,
                               extra: ["constraints": Double(constraints)]))
        }
        let full = build(.full)
        let r1cs = full.makeR1CS()
        report(BenchResult(suite: name, name: "export-r1cs-and-witness", n: k, threads: 1, seconds: measure(runs: options.runs) {
            blackHole(full.makeR1CS())
            blackHole(full.makeWitness())
        }, extra: ["constraints": Double(r1cs.constraints.count), "wires": Double(r1cs.numWires)]))
        report(BenchResult(suite: name, name: "check-witness", n: k, threads: 1, seconds: measure(runs: options.runs) {
            precondition(full.firstUnsatisfiedConstraint() == nil)
        }))
    }
}
