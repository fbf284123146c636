import Circuits
import Foundation
import Groth16
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TestSupport
import Traces
@testable import SettlementAgent

/// The whole flow through the HTTP API with real keys for a small circuit: keys for users,
/// signed traces, store, batch, proofs, local verification, calldata checked by our verifier,
/// by py_ecc and by the Vyper verifier in revm, then confirmation on "chain".
@Suite struct EndToEndSettlementTests {
    typealias H = AgentTestHarness
    static let traces = 2

    /// Development keys for the settlement circuit with 2 slots, made once per test process.
    static let provingKey: ProvingKey = DevelopmentSetup.insecureKeys(for: try! SettlementCircuit(traces: traces).r1cs())

    func post(_ client: some TestClientProtocol, _ uri: String, _ body: String, admin: Bool = false) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: admin ? H.adminHeaders : H.jsonHeaders, body: ByteBuffer(string: body))
    }

    @Test func tracesToVerifiedCalldata() async throws {
        let key = Self.provingKey
        let vkJSON = Data(VerificationKeyJSON(key: key.verifyingKey, alphaBeta: nil).snarkjsJSON().utf8)
        let harness = try H(tracesPerTransition: Self.traces, verifyingKey: key.verifyingKey, verificationKeyJSON: vkJSON)
        let prover = try SettlementProver(provingKey: key, verifyingKey: key.verifyingKey, tracesPerTransition: Self.traces,
                                          domain: H.domain, provider: H.provider)
        let runner = ProvingJobRunner(store: harness.services.store, prover: prover, metrics: harness.services.metrics,
                                      logger: H.quietLogger)
        try await harness.application.test(.router) { client in
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 1, balance: "1000", nonce: "5"), admin: true)
            _ = try await post(client, "/v1/accounts", H.accountBody(user: 2, balance: "50"), admin: true)
            for (user, nonce, fee) in [(UInt8(1), UInt64(6), UInt128(100)), (1, 9, 250), (1, 10, 1), (2, 1, 50)] {
                let r = try await post(client, "/v1/traces", String(decoding: H.signedTrace(user: user, nonce: nonce, fee: fee).jsonData, as: UTF8.self))
                #expect(r.status == .created)
            }
            var r = try await post(client, "/v1/settlements", "{}", admin: true)
            #expect(r.status == .accepted)
            let id = (r.json["settlement"] as? [String: Any])?["id"] as? Int ?? 0
            var outcomes: [ProvingJobRunner.Outcome] = []
            while let outcome = try runner.runNext() { outcomes.append(outcome) }
            #expect(outcomes.count == 3)
            #expect(outcomes.allSatisfy { if case .proved = $0 { return true } else { return false } })
            r = try await client.execute(uri: "/v1/settlements/\(id)", method: .get)
            #expect(r.json["status"] as? String == "proved")

            r = try await client.execute(uri: "/v1/settlements/\(id)/calldata", method: .get)
            #expect(r.status == .ok)
            let proofs = r.json["proofs"] as? [[String: Any]] ?? []
            #expect(proofs.count == 3)
            let stored = try #require(try harness.services.store.settlement(id: Int64(id)))
            var calls: [String] = []
            for (entry, transition) in zip(proofs, stored.transitions) {
                let proof = try Proof(snarkjsJSON: Data(try #require(transition.proof).proofJSON.utf8))
                let signals = try PublicSignalsJSON.decode(Data(try #require(transition.proof).publicJSON.utf8))
                // The public signals are the statement: domain, provider, user, key hash, nonces, balances.
                let t = transition.transition
                #expect(signals == [H.domain.value, H.provider.fieldElement, t.user.fieldElement,
                                    try #require(try harness.services.store.account(t.user)).signerKeyHash,
                                    Fr(t.initNonce), Fr(t.finalNonce), Fr(UInt64(t.initBalance)), Fr(UInt64(t.finalBalance))])
                #expect(try Groth16Verifier.verify(proof, publicSignals: signals, key: key.verifyingKey))
                calls.append(try #require(entry["calldata"] as? String))
                if PythonOracle.python != nil {
                    #expect(try pyEccVerifies(vkJSON: vkJSON, proof: proof, signals: signals))
                }
            }
            #expect(stored.transitions.map { $0.transition.finalBalance } == [650, 649, 0])
            let batch = try #require((r.json["batch"] as? [String: Any])?["calldata"] as? String)
            // The registry's settle call carries the batch verifier's arrays after its own selector
            // (the registry itself runs in revm in SettlementRegistryContractTests).
            let settle = try #require((r.json["settle"] as? [String: Any])?["calldata"] as? String)
            #expect(settle.prefix(10) == "0x" + ABIEncoding.hexDigits(Array(Keccak256.hash(Array(SettlementRegistry.settleSignature.utf8)).prefix(4))))
            #expect(settle.dropFirst(10) == batch.dropFirst(10))
            if PythonOracle.python != nil {
                let vyper = try callVyper(VyperVerifier.source(key.verifyingKey), calls)
                #expect(vyper == Array(repeating: true, count: 3))
                #expect(try callVyper(VyperVerifier.batchSource(key.verifyingKey, maxProofs: 4), [batch]) == [true])
            }

            r = try await post(client, "/v1/settlements/\(id)/confirm", #"{"txHash":"0x\#(String(repeating: "ab", count: 32))"}"#, admin: true)
            #expect(r.status == .ok)
            #expect(r.json["status"] as? String == "confirmed")
            r = try await client.execute(uri: "/v1/accounts/\(H.user(1))", method: .get)
            #expect(r.json["balance"] as? String == "649")
            #expect(r.json["nonce"] as? String == "10")
            #expect(r.json["reserved"] as? String == "0")
        }
    }

    func pyEccVerifies(vkJSON: Data, proof: Proof, signals: [Fr]) throws -> Bool {
        struct Response: Decodable { var valid: Bool }
        let request = """
            {"vkey": \(String(decoding: vkJSON, as: UTF8.self)), "proof": \(proof.snarkjsJSON()), "public": \(PublicSignalsJSON.encode(signals))}
            """
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Groth16Tests/Oracles/py_ecc_groth16_oracle.py")
        let response: Response = try PythonOracle.ask(script, jsonText: request)
        return response.valid
    }

    func callVyper(_ source: String, _ calldata: [String]) throws -> [Bool] {
        struct Request: Encodable { var source: String; var calls: [String] }
        struct Response: Decodable { struct R: Decodable { var success: Bool; var returndata: String }; var results: [R] }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Groth16Tests/Oracles/vyper_evm_oracle.py")
        let response: Response = try PythonOracle.ask(script, Request(source: source, calls: calldata))
        return response.results.map { $0.success && $0.returndata == String(repeating: "0", count: 63) + "1" }
    }
}
