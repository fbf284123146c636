import Circuits
import Foundation
import Groth16

/// The keys `settlement-agent setup` wrote for the settlement circuit, as the service uses
/// them: `circuit.json` ({"traces": L}), `verification_key.json`, `Verifier.sol`, and the
/// proving key `circuit.zkey` (loaded by the proving worker).
struct SettlementKeys: Sendable {
    static let circuitFile = "circuit.json"
    static let verificationKeyFile = "verification_key.json"
    static let verifierFile = "Verifier.sol"
    static let provingKeyFile = "circuit.zkey"

    let directory: URL
    let tracesPerTransition: Int
    let verifyingKey: VerifyingKey
    let verificationKeyJSON: Data
    let verifierSolidity: String
    /// Keccak-256 of verification_key.json, hex: names the key in logs and /healthz.
    let keyHash: String

    var provingKeyURL: URL { directory.appendingPathComponent(Self.provingKeyFile) }

    /// Why the keys cannot be used.
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The contents of `circuit.json` for the settlement circuit of `traces` slots.
    static func circuitDescription(traces: Int) -> String { "{\"traces\": \(traces)}\n" }

    static func load(directory: URL) throws -> SettlementKeys {
        func read(_ name: String) throws -> Data {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw Missing(description: "\(url.path) is missing; run `settlement-agent setup --traces L --out \(directory.path)` (or `make run`) to make the keys")
            }
            return data
        }
        let circuit = try read(circuitFile)
        guard let object = try? JSONSerialization.jsonObject(with: circuit) as? [String: Any],
              let traces = object["traces"] as? Int, traces >= 1 else {
            throw Missing(description: "\(directory.appendingPathComponent(circuitFile).path): expected {\"traces\": L}")
        }
        let vkJSON = try read(verificationKeyFile)
        let vk = try VerifyingKey(snarkjsJSON: vkJSON)
        guard vk.numPublic == SettlementStatement.publicInputNames.count else {
            throw Missing(description: "\(directory.appendingPathComponent(verificationKeyFile).path) has \(vk.numPublic) public inputs; the settlement circuit has \(SettlementStatement.publicInputNames.count): these keys are for another circuit")
        }
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(provingKeyFile).path) else {
            throw Missing(description: "\(directory.appendingPathComponent(provingKeyFile).path) is missing; run `settlement-agent setup --traces L --out \(directory.path)`")
        }
        let solidity = String(decoding: try read(verifierFile), as: UTF8.self)
        return SettlementKeys(directory: directory, tracesPerTransition: traces, verifyingKey: vk,
                              verificationKeyJSON: vkJSON, verifierSolidity: solidity,
                              keyHash: ABIEncoding.hexDigits(Keccak256.hash(Array(vkJSON))))
    }
}
