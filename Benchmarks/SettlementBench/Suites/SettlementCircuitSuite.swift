import Circuits

/// `settlement-circuit [--traces L]`: building the settlement circuit's R1CS (key generation,
/// `circuit export`) and a full witness (proving) for L = 4, 16, 64, or only the given L.
enum SettlementCircuitSuite: BenchmarkSuite {
    static let name = "settlement-circuit"

    static func run(_ options: BenchOptions, report: (BenchResult) -> Void) throws {
        let key = try EdDSAPrivateKey(bytes: (0..<32).map { UInt8($0) })
        let signerKey = EdDSAPoseidon.publicKey(of: key)
        let domain = SettlementStatement.domain(chainId: 1, settlementContract: Fr(0xC0FFEE))
        let user = Fr(0xA11CE), provider = Fr(0xB0B)
        for l in options.traces.map({ [$0] }) ?? [4, 16, 64] {
            let circuit = try SettlementCircuit(traces: l)
            let traces = (0..<l).map { i -> SettlementWitnessInput.Trace in
                let nonce = UInt64(2 * i + 1), fee = UInt128(1_000 + i), requestHash = Fr(UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
                let m = SettlementStatement.message(domain: domain, user: user, provider: provider, nonce: nonce, fee: fee,
                                                    requestHash: requestHash)
                return .init(nonce: nonce, fee: fee, requestHash: requestHash, signature: EdDSAPoseidon.sign(m, with: key))
            }
            let input = try SettlementWitnessInput.transition(domain: domain, provider: provider, user: user,
                                                              signerKey: signerKey, initNonce: 0, initBalance: 1 << 100,
                                                              traces: traces, slots: l)
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
