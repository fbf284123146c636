import Circuits
import Foundation
import Groth16
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Traces
@testable import SettlementAgent

/// An agent over a temporary database, for router tests (no sockets).
struct AgentTestHarness {
    static let adminToken = "test-admin-token"
    static let provider = try! Address(hex: "0x" + String(repeating: "ab", count: 20))
    static let domain = SettlementDomain(chainId: 31337, settlementContract: try! Address(hex: "0x" + String(repeating: "cd", count: 20)))

    let services: AgentServices
    let directory: URL

    /// An agent over the snarkjs tutorial verifying key (for routes that only show keys).
    init(tracesPerTransition: Int = 2, maxQueuedJobs: Int = 256, chain: ChainStatus? = nil,
         configure: (inout AgentConfiguration) -> Void = { _ in }) throws {
        let vkJSON = try Vectors.data("snarkjs/tutorial_multiplier5/verification_key.json")
        try self.init(tracesPerTransition: tracesPerTransition, maxQueuedJobs: maxQueuedJobs,
                      verifyingKey: try VerifyingKey(snarkjsJSON: vkJSON), verificationKeyJSON: vkJSON, chain: chain, configure: configure)
    }

    /// `configure` edits the configuration last (limits of the HTTP edge, port); `chain` makes
    /// it an agent on a chain (accounts from the store's chain events, no node behind it).
    init(tracesPerTransition: Int, maxQueuedJobs: Int = 256, verifyingKey vk: VerifyingKey, verificationKeyJSON vkJSON: Data,
         chain: ChainStatus? = nil, configure: (inout AgentConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SettlementStore(path: directory.appendingPathComponent("agent.sqlite").path)
        var config = AgentConfiguration(adminToken: Self.adminToken, domain: Self.domain, provider: Self.provider)
        config.maxQueuedJobs = maxQueuedJobs
        config.maxBodyBytes = 64 * 1024
        config.maxTracesPerRequest = 50
        configure(&config)
        let keys = SettlementKeys(directory: directory, tracesPerTransition: tracesPerTransition, verifyingKey: vk,
                                  verificationKeyJSON: vkJSON, verifierSolidity: SolidityVerifier.source(vk), keyHash: "00")
        services = AgentServices(config: config, store: store, keys: keys, chain: chain)
        // What `HealthCheckService` does at start, so /healthz has a result to show.
        services.health.checkIntegrity()
        services.health.probeWrite()
    }

    var application: some ApplicationProtocol {
        Application(router: AgentRoutes(services: services).makeRouter(), logger: Self.quietLogger)
    }

    /// Request logs only for warnings and errors, so test output shows what failed.
    static var quietLogger: Logger {
        var logger = Logger(label: "agent-test")
        logger.logLevel = .warning
        return logger
    }

    static func user(_ i: UInt8) -> Address { Address(bytes: [UInt8](repeating: 0, count: 19) + [i]) }

    static func key(_ i: UInt8) -> EdDSAPrivateKey { try! EdDSAPrivateKey(bytes: [UInt8](repeating: i, count: 32)) }

    static func signedTrace(user: UInt8, nonce: UInt64, fee: UInt128, provider: Address = provider) -> RequestTrace {
        TraceSigning.sign(user: self.user(user), provider: provider, nonce: nonce, fee: fee, requestHash: Fr(nonce * 1000),
                          domain: domain, key: key(user))
    }

    static func accountBody(user: UInt8, balance: String, nonce: String = "0") -> String {
        let k = TraceSigning.signerKey(of: key(user))
        return #"{"user":"\#(self.user(user))","signerKey":["\#(k.ax.decimalString)","\#(k.ay.decimalString)"],"balance":"\#(balance)","nonce":"\#(nonce)"}"#
    }

    static var adminHeaders: HTTPFields { [.authorization: "Bearer \(adminToken)", .contentType: "application/json"] }
    static var jsonHeaders: HTTPFields { [.contentType: "application/json"] }
}

extension TestResponse {
    /// The body parsed as a JSON object (empty when it is not one).
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }
}
