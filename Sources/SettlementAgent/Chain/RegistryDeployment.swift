import Chain
import Circuits
import Foundation
import Groth16
import Traces

/// Deploys the verifier, the batch verifier and the registry for a set of keys
/// (`settlement-agent chain deploy`): compiles the three contracts with solc (optimizer on,
/// default pipeline), sends each creation signed by the deployer at consecutive nonces, and
/// waits for each receipt. The registry computes its domain, Poseidon(chainId, its own
/// address), in its constructor; the deployed registry then passes the checks `serve` makes
/// at start-up (`ChainStartupCheck`: code, chain id, domain, provider) and names the verifier
/// just deployed.
struct RegistryDeployment: Sendable {
    let client: EthereumRPCClient
    let deployer: ProviderKey
    let compiler: SolidityCompiler

    struct Parameters: Sendable {
        var provider: Address
        var withdrawalDelay: UInt64
        var withdrawalWindow: UInt64
        var thawingPeriod: UInt64
    }

    /// What was deployed, as `chain deploy` prints it.
    struct Deployed: Sendable {
        var chainId: UInt64
        var verifier: EthereumAddress
        var batchVerifier: EthereumAddress
        var registry: EthereumAddress
        var domain: Fr
        var block: UInt64
        var gasUsed: [String: UInt64]

        var json: [String: Any] {
            ["chainId": String(chainId), "verifier": verifier.description, "batchVerifier": batchVerifier.description,
             "registry": registry.description, "domain": domain.decimalString, "deploymentBlock": String(block),
             "gasUsed": gasUsed.mapValues(String.init)]
        }
    }

    /// Deploys the three contracts for `verifyingKey` (the keys' `verification_key.json`).
    func deploy(for verifyingKey: VerifyingKey, _ parameters: Parameters) async throws -> Deployed {
        let chainId = try await client.chainId()
        let verifierCode = try compiler.initCode(SolidityVerifier.source(verifyingKey), contract: "Groth16Verifier")
        let batchCode = try compiler.initCode(SolidityBatchVerifier.source(verifyingKey), contract: "Groth16BatchVerifier")
        let registryCode = try compiler.initCode(SettlementRegistry.soliditySource(), contract: "SettlementRegistry")
        var gas: [String: UInt64] = [:]
        let (verifier, _, verifierGas) = try await create(verifierCode, chainId: chainId)
        gas["verifier"] = verifierGas
        let (batch, _, batchGas) = try await create(batchCode, chainId: chainId)
        gas["batchVerifier"] = batchGas
        let arguments = [RegistryABI.word(parameters.provider), RegistryABI.word(Address(bytes: verifier.bytes)),
                         RegistryABI.word(Address(bytes: batch.bytes)), RegistryABI.word(UInt128(parameters.withdrawalDelay)),
                         RegistryABI.word(UInt128(parameters.withdrawalWindow)), RegistryABI.word(UInt128(parameters.thawingPeriod))]
        let (registry, block, registryGas) = try await create(registryCode + arguments.joined(), chainId: chainId)
        gas["registry"] = registryGas
        let identity = try await ChainStartupCheck(client: client, registry: registry).identity(provider: parameters.provider, providerKey: nil)
        guard identity.verifier == verifier else {
            throw ChainRefusal(description: "the registry's VERIFIER is \(identity.verifier), not the verifier \(verifier) just deployed")
        }
        return Deployed(chainId: chainId, verifier: verifier, batchVerifier: batch, registry: registry, domain: identity.domain.value,
                        block: block, gasUsed: gas)
    }

    /// Sends one creation and waits (up to two minutes) for its receipt.
    private func create(_ code: [UInt8], chainId: UInt64) async throws -> (EthereumAddress, UInt64, UInt64) {
        let nonce = try await client.transactionCount(of: deployer.address, block: .pending)
        let estimate = try await client.estimateGas(CallRequest(from: deployer.address, to: nil, data: code))
        let fees = try await client.feeData()
        let signed = try EIP1559Transaction(chainId: chainId, nonce: nonce, maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
                                            maxFeePerGas: fees.maxFeePerGas(doublings: 1), gasLimit: estimate + estimate / 5,
                                            to: nil, data: code).signed(with: deployer)
        let hash = try await client.sendRawTransaction(signed)
        for _ in 0..<240 {
            if let receipt = try await client.transactionReceipt(hash) {
                guard receipt.succeeded, let address = receipt.contractAddress else {
                    throw ChainRefusal(description: "creation \(hash) failed in block \(receipt.blockNumber)")
                }
                return (address, receipt.blockNumber, receipt.gasUsed)
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw ChainRefusal(description: "creation \(hash) was not mined within two minutes")
    }
}
