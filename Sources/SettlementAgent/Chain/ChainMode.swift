import Chain
import Foundation
import Logging
import Traces

/// `serve --rpc-url --registry`, assembled: the node client, the identity the start-up check
/// established, the provider key (if any) and the options of the follower, the policy and the
/// submitter.
struct ChainMode: Sendable {
    let client: EthereumRPCClient
    let registry: EthereumAddress
    let identity: ChainStartupCheck.Identity
    let providerKey: ProviderKey?
    let status: ChainStatus
    let fromBlock: UInt64
    let confirmations: UInt64
    let interval: Duration
    let policy: SettlementPolicy
    let gasCap: UInt64
    let bumpAfterBlocks: UInt64
    let maxFeePerGas: UInt128?

    /// Connects and runs every start-up check but the verifier's (`checkVerifier`, once the
    /// proving key is loaded). `provider` is `--provider` when given.
    static func connect(_ options: ChainOptions, provider: Address?, environment: [String: String], logger: Logger) async throws -> ChainMode {
        let registry = try options.registryAddress()
        let key = try options.providerKey(environment: environment)
        let client = EthereumRPCClient(url: options.rpcUrl ?? "", configuration: options.rpcConfiguration)
        do {
            let identity = try await ChainStartupCheck(client: client, registry: registry).identity(provider: provider, providerKey: key)
            logger.info("chain \(identity.chainId) at \(options.rpcUrl ?? ""): registry \(registry), domain \(identity.domain.value.decimalString), provider \(identity.provider)\(key == nil ? "; no provider key: settle calldata is prepared, not sent" : "; settle transactions signed by \(key!.address)")")
            return ChainMode(client: client, registry: registry, identity: identity, providerKey: key,
                             status: ChainStatus(registry: registry.description, chainId: identity.chainId, confirmations: options.confirmations),
                             fromBlock: options.fromBlock, confirmations: options.confirmations,
                             interval: .milliseconds(Int(options.pollInterval * 1000)), policy: try options.policy(),
                             gasCap: options.gasCap, bumpAfterBlocks: options.bumpAfterBlocks, maxFeePerGas: try options.feeCap())
        } catch {
            try? await client.shutdown()
            throw CLIFailure.invalid("refusing to serve on chain: \(error)")
        }
    }

    /// The last start-up check: the registry's verifier accepts a proof of the loaded keys.
    func checkVerifier(_ prover: SettlementProver, keyHash: String) async throws {
        do {
            let probe = try await ProvingService.offEventLoop { try prover.probe() }
            try await ChainStartupCheck(client: client, registry: registry).checkVerifier(identity.verifier, accepts: probe, keyHash: keyHash)
        } catch {
            throw CLIFailure.invalid("refusing to serve on chain: \(error)")
        }
    }

    /// The follower, policy and submitter as one service.
    func service(store: SettlementStore, jobSignal: JobSignal, tracesPerTransition: Int, logger: Logger) -> ChainService {
        let follower = ChainFollower(client: client, store: store, registry: registry, fromBlock: fromBlock,
                                     confirmations: confirmations, maxBlocksPerStep: 2_000)
        let submitter = providerKey.map {
            SettlementSubmitter(client: client, store: store, key: $0, registry: registry, chainId: identity.chainId,
                                confirmations: confirmations, gasCap: gasCap, bumpAfterBlocks: bumpAfterBlocks,
                                maxFeePerGas: maxFeePerGas, logger: logger)
        }
        return ChainService(follower: follower, policy: policy, submitter: submitter, store: store, status: status,
                            jobSignal: jobSignal, tracesPerTransition: tracesPerTransition, interval: interval, logger: logger)
    }
}
