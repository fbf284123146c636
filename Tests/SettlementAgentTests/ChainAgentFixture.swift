import Chain
import Circuits
import Foundation
import Groth16
import TestSupport
import Traces
@testable import SettlementAgent

/// A devchain with the contracts deployed by `settlement-agent chain deploy` for test keys
/// (L = 2), and the real `settlement-agent serve` on it as a process: what the chain
/// end-to-end tests drive. Account 1 of the node deploys and is the provider; users are
/// accounts 2 and up.
final class ChainAgentFixture: @unchecked Sendable {
    let chain: LiveChain
    let work: URL
    let data: URL
    let providerKeyFile: URL
    let registry: EthereumAddress
    let deployment: [String: Any]
    let domain: SettlementDomain
    let provider: Address
    private(set) var agent: Process?
    private(set) var port = 0
    private(set) var log: URL

    static let agentBinary = ReadmeWalkthroughTests.products.appendingPathComponent("settlement-agent")

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Deploys with the given periods (seconds).
    init(chain: LiveChain, withdrawalDelay: UInt64 = 600, thawingPeriod: UInt64 = 600) throws {
        self.chain = chain
        work = FileManager.default.temporaryDirectory.appendingPathComponent("chain-e2e-\(UUID().uuidString)")
        data = work.appendingPathComponent("data")
        log = work.appendingPathComponent("serve-0.log")
        try ReadmeWalkthroughTests.writeKeys(to: data.appendingPathComponent("keys"))
        providerKeyFile = work.appendingPathComponent("provider.key")
        FileManager.default.createFile(atPath: providerKeyFile.path, contents: Data(chain.node.accounts[1].privateKey.utf8),
                                       attributes: [.posixPermissions: 0o600])
        let (deploy, output) = try ReadmeWalkthroughTests.run(Self.agentBinary, [
            "chain", "deploy", "--rpc-url", chain.node.url, "--deployer-key-file", providerKeyFile.path,
            "--keys", data.appendingPathComponent("keys").path, "--withdrawal-delay", String(withdrawalDelay),
            "--withdrawal-window", "600", "--thawing-period", String(thawingPeriod), "--solc", ChainEnvironment.solc,
        ])
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        deploy.waitUntilExit()
        guard deploy.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: printed) as? [String: Any], let address = json["registry"] as? String else {
            throw Failure(description: "chain deploy failed: \(String(decoding: printed, as: UTF8.self))")
        }
        deployment = json
        registry = try EthereumAddress(hex: address)
        domain = SettlementDomain(chainId: chain.node.chainId, settlementContract: Address(bytes: registry.bytes))
        provider = try Address(hex: chain.node.accounts[1].address.lowercased())
    }

    /// `settlement-agent chain status` over the agent's data directory and the node, as JSON.
    func chainStatus() throws -> [String: Any] {
        let (process, output) = try ReadmeWalkthroughTests.run(Self.agentBinary, [
            "chain", "status", "--rpc-url", chain.node.url, "--data", data.path,
        ])
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let json = try JSONSerialization.jsonObject(with: printed) as? [String: Any] else {
            throw Failure(description: "chain status failed: \(String(decoding: printed, as: UTF8.self))")
        }
        return json
    }

    deinit {
        stopAgent()
        try? FileManager.default.removeItem(at: work)
    }

    /// Starts `serve` on the chain (on `registry`, by default the fixture's) with `arguments`
    /// after the common ones; waits for /healthz.
    func startAgent(_ arguments: [String], environment: [String: String] = [:], withKey: Bool = true,
                    registry: EthereumAddress? = nil) throws {
        port = try ReadmeWalkthroughTests.freePort()
        log = work.appendingPathComponent("serve-\(UUID().uuidString.prefix(8)).log")
        let block = deployment["deploymentBlock"] as? String ?? "0"
        let (process, _) = try ReadmeWalkthroughTests.run(Self.agentBinary, [
            "serve", "--data", data.path, "--port", String(port), "--rpc-url", chain.node.url, "--registry", (registry ?? self.registry).description,
            "--from-block", block, "--poll-interval", "0.2",
        ] + (withKey ? ["--provider-key-file", providerKeyFile.path] : []) + arguments, environment: environment, log: log)
        agent = process
        for _ in 0..<600 {
            if !process.isRunning { throw Failure(description: "serve exited with \(process.terminationStatus): \(logText)") }
            if (try? get("/healthz"))?.status == 200 { return }
            usleep(100_000)
        }
        throw Failure(description: "serve did not answer /healthz: \(logText)")
    }

    /// SIGTERM and wait.
    func stopAgent() {
        guard let agent, agent.isRunning else { return }
        agent.terminate()
        agent.waitUntilExit()
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Publishes `key` as `user`'s signer key once the follower has applied its registration
    /// (before that the agent knows no account with its hash and answers 404).
    func publish(_ key: EdDSAPrivateKey, of user: Address) async throws {
        let hash = Self.keyHash(key).decimalString
        try await wait("the follower to see \(user)'s key") { (try get("/v1/accounts/\(user)").json["signerKeyHash"] as? String) == hash }
        let (status, json) = try post("/v1/signer-keys", Self.signerKeyJSON(key))
        guard status == 200 else { throw Failure(description: "POST /v1/signer-keys: \(status) \(json)") }
    }

    /// The hashes of the settle transactions the agent signed, in order (from its log).
    var settleTransactions: [String] {
        logText.split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: /: settle (0x[0-9a-f]{64}) \(/) else { return nil }
            return String(match.1)
        }
    }

    /// The log without the request log's lines.
    var eventLog: String { logText.split(separator: "\n").filter { !$0.contains(" route=") }.joined(separator: "\n") }

    // MARK: HTTP, through curl

    func get(_ path: String) throws -> (status: Int, json: [String: Any]) { try http("GET", path, body: nil) }

    func post(_ path: String, _ body: [String: Any], admin: Bool = false) throws -> (status: Int, json: [String: Any]) {
        try http("POST", path, body: try JSONSerialization.data(withJSONObject: body), admin: admin)
    }

    private func http(_ method: String, _ path: String, body: Data?, admin: Bool = false) throws -> (status: Int, json: [String: Any]) {
        var arguments = ["curl", "-s", "-m", "30", "-X", method, "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"]
        if body != nil { arguments += ["-H", "content-type: application/json", "--data-binary", "@-"] }
        if admin {
            let token = try String(contentsOf: data.appendingPathComponent("admin-token"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            arguments += ["-H", "authorization: Bearer \(token)"]
        }
        let output = try Subprocess.run("/usr/bin/env", arguments, stdin: body ?? Data())
        let text = String(decoding: output, as: UTF8.self)
        guard let split = text.lastIndex(of: "\n"), let status = Int(text[text.index(after: split)...]) else {
            throw Failure(description: "curl \(method) \(path): \(text)")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(text[..<split].utf8))) as? [String: Any] ?? [:]
        return (status, json)
    }

    // MARK: The registry

    /// A transaction from funded account `from` to the registry; requires status 1.
    @discardableResult
    func registryCall(from: Int, _ signature: String, _ words: [[UInt8]] = [], value: UInt128 = 0) async throws -> TransactionReceipt {
        let receipt = try await chain.send(from: from, to: registry, value: value, data: RegistryABI.call(signature, words))
        guard receipt.succeeded else { throw Failure(description: "\(signature) from account \(from) reverted") }
        return receipt
    }

    /// A uint256 view of the registry, e.g. `balanceOf(address)`.
    func view(_ signature: String, _ user: Address? = nil) async throws -> UInt128 {
        let answer = try await chain.client.call(CallRequest(to: registry, data: RegistryABI.call(signature, user.map { [RegistryABI.word($0)] } ?? [])))
        guard let value = RegistryABI.integer(answer[...], as: UInt128.self) else { throw Failure(description: "\(signature): \(answer)") }
        return value
    }

    /// The address of funded account `index`.
    func address(_ index: Int) throws -> Address { try Address(hex: chain.node.accounts[index].address.lowercased()) }

    /// A trace of `user` signed with `key` in this registry's domain.
    func trace(_ user: Address, nonce: UInt64, fee: UInt128, key: EdDSAPrivateKey) -> [String: Any] {
        TraceSigning.sign(user: user, provider: provider, nonce: nonce, fee: fee, requestHash: Fr(UInt64(nonce) * 7 + 1),
                          domain: domain, key: key).jsonObject
    }

    /// POSTs traces; the per-trace result objects.
    func postTraces(_ traces: [[String: Any]]) throws -> [[String: Any]] {
        let (status, json) = try post("/v1/traces", ["traces": traces])
        guard status == 200, let results = json["results"] as? [[String: Any]] else {
            throw Failure(description: "POST /v1/traces: \(status) \(json)")
        }
        return results
    }

    /// The statuses of `user`'s traces by nonce.
    func traceStatuses(_ user: Address) throws -> [UInt64: String] {
        let (_, json) = try get("/v1/traces?user=\(user)")
        var out: [UInt64: String] = [:]
        for t in json["traces"] as? [[String: Any]] ?? [] {
            if let trace = t["trace"] as? [String: Any], let nonce = (trace["nonce"] as? String).flatMap(UInt64.init) {
                out[nonce] = t["status"] as? String
            }
        }
        return out
    }

    /// Waits (up to `seconds`) until `condition` holds.
    func wait(_ what: String, seconds: Double = 60, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw Failure(description: "timed out waiting for \(what); agent log without its request lines:\n\(eventLog.suffix(6000))")
    }

    /// A user's signer key as the chain registers it: registerSignerKey(Poseidon(A)).
    static func keyHash(_ key: EdDSAPrivateKey) -> Fr { SettlementStatement.signerKeyHash(of: EdDSAPoseidon.publicKey(of: key)) }

    static func signerKeyJSON(_ key: EdDSAPrivateKey) -> [String: Any] {
        let point = EdDSAPoseidon.publicKey(of: key)
        return ["signerKey": [point.x.decimalString, point.y.decimalString]]
    }
}
