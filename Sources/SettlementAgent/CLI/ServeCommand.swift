import ArgumentParser
import Foundation
import Groth16
import Hummingbird
import Logging
import ServiceLifecycle
import Traces

/// `settlement-agent serve`: the HTTP agent with its proving workers, and with `--rpc-url` and
/// `--registry` the agent on the chain (doc/CHAIN.md). It never runs a setup by itself:
/// without keys it says which command makes them.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the settlement agent: HTTP API on --host:--port, SQLite store, proving workers.")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Directory for the database and the admin token (created mode 0700).") var data = "data"
    @Option(help: "The SQLite database (default: <data>/agent.sqlite).") var database: String?
    @Option(help: "The keys made by `settlement-agent setup` (default: <data>/keys).") var keys: String?
    @OptionGroup var domainOptions: DomainOptions
    @Option(help: "This agent's provider address (or SETTLEMENT_PROVIDER; default: \(Self.defaultProvider)).") var provider: String?
    @Option(help: "Admin bearer token (or SETTLEMENT_ADMIN_TOKEN; default: <data>/admin-token, created once, mode 0600).") var adminToken: String?
    @Option(help: "Concurrent proofs.") var workers = 1
    @Option(help: "Transitions queued before new settlements get 503.") var maxQueue = 256
    @Option(help: "Seconds a connection may make no progress (headers incomplete, body stalled, idle) before it is closed.")
    var readTimeout = 15
    @Option(help: "Most connections open at once; beyond it a new connection gets 503 and is closed.") var maxConnections = 512
    @Option(help: "Seconds between full database integrity checks (one also runs at start).") var integrityCheckInterval = 3600
    @Option(help: "Seconds between write probes of the database (reported by /healthz).") var writeProbeInterval = 30
    @Option(help: "Most an account may owe in accepted, unsettled traces (default: its balance is the only limit).")
    var maxUnsettled: String?
    @OptionGroup(title: "Chain") var chainOptions: ChainOptions

    /// Development defaults: a local chain (31337) and fixed addresses; set real ones in production.
    static let defaultChainId: UInt64 = 31337
    static let defaultContract = "0x" + String(repeating: "0", count: 39) + "1"
    static let defaultProvider = "0x" + String(repeating: "0", count: 39) + "2"

    func validate() throws {
        for (name, value) in [("--read-timeout", readTimeout), ("--max-connections", maxConnections),
                              ("--integrity-check-interval", integrityCheckInterval), ("--write-probe-interval", writeProbeInterval)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        _ = try maxUnsettled.map { try ChainOptions.amount($0, "--max-unsettled") }
        if chainOptions.isEnabled, domainOptions.chainId != nil || domainOptions.settlementContract != nil {
            throw ValidationError("on a chain the domain is the registry's: leave out --chain-id and --settlement-contract")
        }
    }

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
        let chain = chainOptions.isEnabled
            ? try await ChainMode.connect(chainOptions, provider: try explicitProvider(env), environment: env, logger: logger) : nil
        let config = try configuration(dataDir: dataDir, keysDir: keysDir, env: env, chain: chain?.identity, logger: logger)
        let store = try SettlementStore(path: config.databasePath, maxUnsettled: try maxUnsettled.map { try ChainOptions.amount($0, "--max-unsettled") })
        let requeued = try store.requeueInterruptedJobs()
        logger.info("verifying key \(loadedKeys.keyHash) (\(loadedKeys.tracesPerTransition) traces per proof) from \(keysDir.path)")
        logger.info("domain: \(config.domain); provider \(config.provider); database \(config.databasePath); admin token in \(adminToken == nil && env["SETTLEMENT_ADMIN_TOKEN"] == nil ? dataDir.appendingPathComponent("admin-token").path : "the given option")")
        if requeued > 0 { logger.info("resuming \(requeued) interrupted proving jobs") }
        // On a chain the proving key is loaded before the port is bound: the chain's verifier
        // must accept a proof of it before any trace is taken.
        var prover: SettlementProver?
        if let chain {
            let loaded = try Self.prover(keys: loadedKeys, config: config, logger: logger)
            try await chain.checkVerifier(loaded, keyHash: loadedKeys.keyHash)
            logger.info("the registry's verifier accepts proofs of these keys")
            prover = loaded
        }

        let services = AgentServices(config: config, store: store, keys: loadedKeys, chain: chain?.status)
        let listening = ServerListening()
        let health = HealthCheckService(server: listening, health: services.health, integrityInterval: config.integrityCheckInterval,
                                        writeProbeInterval: config.writeProbeInterval)
        let proving = DeferredProvingService(server: listening) { [logger, prover] in
            try Self.provingService(prover: prover ?? Self.prover(keys: loadedKeys, config: config, logger: logger),
                                    services: services, logger: logger)
        }
        var running: [any Service] = [health, proving]
        if let chain {
            running.append(chain.service(store: store, jobSignal: services.jobSignal, tracesPerTransition: loadedKeys.tracesPerTransition,
                                         logger: logger))
        }
        let app = AgentServer(services: services).application(running: running, logger: logger) { _ in
            listening.markListening()
        }
        do {
            try await app.runService()
        } catch let failure where !listening.isListening {
            throw CLIFailure.invalid("cannot listen on \(config.host):\(config.port): \(failure) (is another agent running? choose another --port)")
        }
    }

    /// The configuration from the options and the environment; creates the data directory
    /// and the admin token file when they are missing.
    private func configuration(dataDir: URL, keysDir: URL, env: [String: String], chain: ChainStartupCheck.Identity?,
                               logger: Logger) throws -> AgentConfiguration {
        let domain = try chain?.domain ?? domainOptions.domain()
        let providerAddress = try chain?.provider ?? explicitProvider(env) ?? Address(hex: Self.defaultProvider, field: "provider")
        try DataDirectory.create(dataDir)
        let token = try AdminToken.resolve(explicit: adminToken ?? env["SETTLEMENT_ADMIN_TOKEN"],
                                           file: dataDir.appendingPathComponent("admin-token"))
        var config = AgentConfiguration(adminToken: token, domain: domain, provider: providerAddress)
        config.host = host
        config.port = port
        config.databasePath = database ?? dataDir.appendingPathComponent("agent.sqlite").path
        config.keysDirectory = keysDir.path
        config.provingWorkers = workers
        config.maxQueuedJobs = maxQueue
        config.readTimeout = .seconds(readTimeout)
        config.maxConnections = DescriptorBudget.connectionCap(requested: maxConnections,
                                                               descriptorLimit: DescriptorBudget.softDescriptorLimit())
        if config.maxConnections < maxConnections {
            logger.notice("--max-connections lowered to \(config.maxConnections) to fit the file-descriptor limit (ulimit -n)")
        }
        config.integrityCheckInterval = .seconds(integrityCheckInterval)
        config.writeProbeInterval = .seconds(writeProbeInterval)
        return config
    }

    /// `--provider` or SETTLEMENT_PROVIDER, when given.
    private func explicitProvider(_ env: [String: String]) throws -> Address? {
        do { return try (provider ?? env["SETTLEMENT_PROVIDER"]).map { try Address(hex: $0, field: "provider") } } catch {
            throw CLIFailure.malformed("\(error)")
        }
    }

    /// The prover, with the proving key loaded (the slow part of start-up: without a chain it
    /// runs once the port is bound, `DeferredProvingService`).
    private static func prover(keys: SettlementKeys, config: AgentConfiguration, logger: Logger) throws -> SettlementProver {
        logger.info("loading the proving key \(keys.provingKeyURL.path)")
        let provingKey = try ZKeyFile(contentsOf: keys.provingKeyURL).provingKey
        return try SettlementProver(provingKey: provingKey, verifyingKey: keys.verifyingKey,
                                    tracesPerTransition: keys.tracesPerTransition, domain: config.domain, provider: config.provider)
    }

    /// The proving workers.
    private static func provingService(prover: SettlementProver, services: AgentServices, logger: Logger) throws -> ProvingService {
        logger.info("proving key loaded; \(services.config.provingWorkers) proving worker(s)")
        let runner = ProvingJobRunner(store: services.store, prover: prover, metrics: services.metrics, logger: logger)
        return ProvingService(runner: runner, signal: services.jobSignal, workers: services.config.provingWorkers)
    }
}
