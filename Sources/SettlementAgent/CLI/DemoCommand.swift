import ArgumentParser
import Circuits
import Dispatch
import Foundation
import Groth16
import Logging
import Traces

/// `settlement-agent demo`: the whole flow in one process on a small circuit: users and keys,
/// signed traces, the store in a temporary database, batching, development keys, proofs,
/// local verification and calldata. Exit 0 only if every proof verifies.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole settlement flow in-process on a small circuit and print a summary.")

    @Option(help: "Trace slots per proof (circuit size).") var traces = 2
    @Option(help: "Number of users.") var users = 3
    @Option(name: .customLong("traces-per-user"), help: "Signed traces per user.") var tracesPerUser = 3
    @Flag(help: "Print the summary as JSON.") var json = false

    func run() throws {
        guard (1...16).contains(traces), (1...20).contains(users), (1...50).contains(tracesPerUser) else {
            throw CLIFailure.malformed("demo: --traces 1...16, --users 1...20, --traces-per-user 1...50")
        }
        var logger = Logger(label: "demo")
        logger.logLevel = .warning
        let clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
        let say: (String) -> Void = { if !json { print($0) } }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("settlement-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let domain = SettlementDomain(chainId: ServeCommand.defaultChainId, settlementContract: try Address(hex: ServeCommand.defaultContract))
        let provider = try Address(hex: ServeCommand.defaultProvider)
        let store = try SettlementStore(path: directory.appendingPathComponent("agent.sqlite").path)

        var t = clock()
        let circuit = try SettlementCircuit(traces: traces)
        let key = DevelopmentSetup.insecureKeys(for: circuit.r1cs())
        let setupSeconds = clock() - t
        say(String(format: "circuit: %d trace slots, %d constraints; development keys in %.2f s (not a ceremony)",
                   traces, circuit.info().constraints, setupSeconds))

        t = clock()
        let ingestor = TraceIngestor(store: store, verifier: TraceVerifier(domain: domain, provider: provider))
        var accepted = 0
        for u in 0..<users {
            let privateKey = EdDSAPrivateKey.generate()
            let signer = TraceSigning.signerKey(of: privateKey)
            let user = Address(bytes: [UInt8](repeating: 0, count: 18) + [0xD0, UInt8(u + 1)])
            try store.upsertAccount(AccountUpdate(user: user, signerKey: signer, signerKeyHash: signer.hash,
                                                  balance: 1_000_000, nonce: 0))
            let signed = (1...tracesPerUser).map { n in
                TraceSigning.sign(user: user, provider: provider, nonce: UInt64(n), fee: UInt128(1_000 * n + u),
                                  requestHash: Fr(UInt64(100 * u + n)), domain: domain, key: privateKey)
            }
            for case .success(.accepted) in try ingestor.ingest(signed) { accepted += 1 }
        }
        say(String(format: "traces: %d signed by %d users, %d accepted in %.2f s", users * tracesPerUser, users, accepted, clock() - t))

        guard let settlement = try store.createSettlement(tracesPerTransition: traces).settlement else {
            throw CLIFailure.invalid("demo: nothing to settle")
        }
        say("settlement \(settlement.id): \(settlement.transitions.count) transitions")
        let prover = try SettlementProver(provingKey: key, verifyingKey: key.verifyingKey, tracesPerTransition: traces, domain: domain, provider: provider)
        let runner = ProvingJobRunner(store: store, prover: prover, metrics: nil, logger: logger)
        t = clock()
        var failures: [String] = []
        while let outcome = try runner.runNext() {
            if case let .failed(id, reason) = outcome { failures.append("transition \(id): \(reason)") }
        }
        let provingSeconds = clock() - t
        guard let done = try store.settlement(id: settlement.id) else { throw CLIFailure.invalid("demo: settlement vanished") }

        // Check every proof again, independently of the prover's own check, and make calldata.
        let prepared = try PreparedVerifyingKey(key.verifyingKey)
        var rows: [[String: Any]] = []
        var verified = 0
        for transition in done.transitions {
            guard let stored = transition.proof else { continue }
            let proof = try Proof(snarkjsJSON: Data(stored.proofJSON.utf8))
            let signals = try PublicSignalsJSON.decode(Data(stored.publicJSON.utf8))
            let ok = try Groth16Verifier.verify(proof, publicSignals: signals, key: prepared)
            if ok { verified += 1 }
            let s = transition.transition
            rows.append(["user": s.user.description, "balance": "\(s.initBalance) -> \(s.finalBalance)",
                         "nonce": "\(s.initNonce) -> \(s.finalNonce)", "traces": transition.traceCount,
                         "proveSeconds": transition.timings["total"] ?? 0, "verified": ok])
            say(String(format: "  %@  balance %@  nonce %@  %d traces  proved in %.2f s  %@", s.user.description,
                       "\(s.initBalance) -> \(s.finalBalance)", "\(s.initNonce) -> \(s.finalNonce)", transition.traceCount,
                       transition.timings["total"] ?? 0, ok ? "verified" : "DOES NOT VERIFY"))
        }
        let calldata = try SettlementCalldata.json(done)
        let batchHex = (calldata["batch"] as? [String: Any])?["calldata"] as? String ?? ""
        let allVerified = failures.isEmpty && verified == done.transitions.count
        say(String(format: "proofs: %d of %d verified in %.2f s; batch calldata %d bytes (%@)", verified, done.transitions.count,
                   provingSeconds, (batchHex.count - 2) / 2, VerifierCalldata.verifyProofsSignature(publicSignals: 8)))
        for f in failures { say("  failed: \(f)") }
        if json {
            let summary: [String: Any] = ["traces": traces, "constraints": circuit.info().constraints, "users": users,
                                          "acceptedTraces": accepted, "transitions": rows, "provingSeconds": provingSeconds,
                                          "allVerified": allVerified, "batchCalldataBytes": (batchHex.count - 2) / 2]
            print(try jsonLine(summary))
        }
        guard allVerified else { throw CLIFailure.invalid("demo: not every proof verified") }
    }
}
