import ArgumentParser
import Foundation
import Groth16
import Hummingbird
import Logging
import Traces

/// `settlement-agent serve`: the HTTP agent with its proving workers. It never runs a setup by
/// itself: without keys it says which command makes them.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the settlement agent: HTTP API on --host:--port, SQLite store, proving workers.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Directory for the database and the admin token.") var data = "data"
    @Option(help: "The SQLite database (default: <data>/agent.sqlite).") var database: String?
    @Option(help: "The keys made by `settlement-agent setup` (default: <data>/keys).") var keys: String?
    @Option(help: "Chain id of the settlement contract (or SETTLEMENT_CHAIN_ID).") var chainId: UInt64?
    @Option(help: "Address of the settlement contract (or SETTLEMENT_CONTRACT).") var settlementContract: String?
    @Option(help: "This agent's provider address (or SETTLEMENT_PROVIDER).") var provider: String?
    @Option(help: "Admin bearer token (or SETTLEMENT_ADMIN_TOKEN; default: <data>/admin-token, created once).") var adminToken: String?
    @Option(help: "Concurrent proofs.") var workers = 1
    @Option(help: "Transitions queued before new settlements get 503.") var maxQueue = 256

    /// Development defaults: a local chain (31337) and fixed addresses; set real ones in production.
    static let defaultChainId: UInt64 = 31337
    static let defaultContract = "0x" + String(repeating: "0", count: 39) + "1"
    static let defaultProvider = "0x" + String(repeating: "0", count: 39) + "2"

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var logger = Logger(label: "settlement-agent")
        logger.logLevel = .info
        let dataDir = URL(fileURLWithPath: data)
        let keysDir = URL(fileURLWithPath: keys ?? dataDir.appendingPathComponent("keys").path)
        let loadedKeys: SettlementKeys
        do { loadedKeys = try SettlementKeys.load(directory: keysDir) } catch {
            throw CLIFailure.malformed("\(error)")
        }
        guard let chain = chainId ?? env["SETTLEMENT_CHAIN_ID"].map({ UInt64($0) }) ?? Self.defaultChainId else {
            throw CLIFailure.malformed("SETTLEMENT_CHAIN_ID: not a 64-bit unsigned integer")
        }
        let contract: Address, providerAddress: Address
        do {
            contract = try Address(hex: settlementContract ?? env["SETTLEMENT_CONTRACT"] ?? Self.defaultContract, field: "settlement contract")
            providerAddress = try Address(hex: provider ?? env["SETTLEMENT_PROVIDER"] ?? Self.defaultProvider, field: "provider")
        } catch { throw CLIFailure.malformed("\(error)") }
        try FileManager.default.createDirectory(at: dataDir, withIntermediateDirectories: true)
        let tokenFile = dataDir.appendingPathComponent("admin-token")
        let token = try AdminToken.resolve(explicit: adminToken ?? env["SETTLEMENT_ADMIN_TOKEN"], file: tokenFile)

        var config = AgentConfiguration(adminToken: token, domain: SettlementDomain(chainId: chain, settlementContract: contract),
                                        provider: providerAddress)
        config.host = host
        config.port = port
        config.databasePath = database ?? dataDir.appendingPathComponent("agent.sqlite").path
        config.keysDirectory = keysDir.path
        config.provingWorkers = workers
        config.maxQueuedJobs = maxQueue

        let store = try SettlementStore(path: config.databasePath)
        let requeued = try store.requeueInterruptedJobs()
        logger.info("verifying key \(loadedKeys.keyHash) (\(loadedKeys.tracesPerTransition) traces per proof) from \(keysDir.path)")
        logger.info("domain: \(config.domain); provider \(providerAddress); database \(config.databasePath); admin token in \(adminToken == nil && env["SETTLEMENT_ADMIN_TOKEN"] == nil ? tokenFile.path : "the given option")")
        if requeued > 0 { logger.info("resuming \(requeued) interrupted proving jobs") }
        logger.info("loading the proving key \(loadedKeys.provingKeyURL.path)")
        let provingKey = try ZKeyFile(contentsOf: loadedKeys.provingKeyURL).provingKey
        let prover = try SettlementProver(provingKey: provingKey, verifyingKey: loadedKeys.verifyingKey,
                                          tracesPerTransition: loadedKeys.tracesPerTransition,
                                          domain: config.domain, provider: providerAddress)
        let services = AgentServices(config: config, store: store, keys: loadedKeys)
        let runner = ProvingJobRunner(store: store, prover: prover, metrics: services.metrics, logger: logger)
        let proving = ProvingService(runner: runner, signal: services.jobSignal, workers: workers)
        let app = Application(
            router: AgentRoutes(services: services).makeRouter(),
            configuration: .init(address: .hostname(host, port: port), serverName: "settlement-agent"),
            services: [proving],
            logger: logger)
        try await app.runService()
    }
}
