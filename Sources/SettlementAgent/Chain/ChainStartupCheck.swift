import Chain
import Circuits
import Groth16
import Traces

/// What `serve --rpc-url --registry` checks before it serves (doc/CHAIN.md, "Start-up
/// check"): the registry has code on this chain, was deployed for it (`CHAIN_ID`), its
/// `DOMAIN` is Poseidon(chainId, registry) — the agent's own — its `PROVIDER` is the agent's
/// provider (and the provider key's address), and its verifier accepts a proof made with the
/// agent's proving key. Any mismatch refuses to serve, naming both values.
struct ChainStartupCheck: Sendable {
    let client: EthereumRPCClient
    let registry: EthereumAddress

    /// What the chain says the agent is.
    struct Identity: Sendable {
        var chainId: UInt64
        var domain: SettlementDomain
        var provider: Address
        var verifier: EthereumAddress
    }

    /// The chain id, domain, provider and verifier, after every check but the verifier's.
    /// `provider` (the option) and `providerKey`, when given, must match the registry's.
    func identity(provider: Address?, providerKey: ProviderKey?) async throws -> Identity {
        let chainId = try await client.chainId()
        guard !(try await client.code(at: registry)).isEmpty else {
            throw ChainRefusal(description: "no contract at the registry address \(registry) on chain \(chainId)")
        }
        let deployedFor = try await uint("CHAIN_ID()", as: UInt64.self)
        guard deployedFor == chainId else {
            throw ChainRefusal(description: "the registry \(registry) was deployed for chain \(deployedFor), but the node is on chain \(chainId)")
        }
        let registryAddress = Address(bytes: registry.bytes)
        let domain = SettlementDomain(chainId: chainId, settlementContract: registryAddress)
        let onChain = try await word("DOMAIN()")
        guard onChain == domain.value.bigEndianBytes else {
            throw ChainRefusal(description: "the registry's DOMAIN is \(Fr(reducingBigEndian: onChain).decimalString), but Poseidon(\(chainId), \(registry)) is \(domain.value.decimalString): traces signed for this agent would never settle there")
        }
        guard let registryProvider = RegistryABI.address(try await word("PROVIDER()")[...]) else {
            throw ChainRefusal(description: "the registry's PROVIDER() is not an address")
        }
        if let provider, provider != registryProvider {
            throw ChainRefusal(description: "--provider is \(provider), but the registry pays \(registryProvider)")
        }
        if let providerKey, providerKey.address.bytes != registryProvider.bytes {
            throw ChainRefusal(description: "the provider key is for \(providerKey.address), but the registry pays \(registryProvider)")
        }
        guard let verifier = RegistryABI.address(try await word("VERIFIER()")[...]),
              let verifierAddress = try? EthereumAddress(bytes: verifier.bytes) else {
            throw ChainRefusal(description: "the registry's VERIFIER() is not an address")
        }
        return Identity(chainId: chainId, domain: domain, provider: registryProvider, verifier: verifierAddress)
    }

    /// Asks the registry's verifier to verify `probe` (a proof made with the agent's proving
    /// key, `SettlementProver.probe()`): a verifier made from other keys refuses it.
    func checkVerifier(_ verifier: EthereumAddress, accepts probe: (proof: Proof, publicSignals: [Fr]), keyHash: String) async throws {
        let answer = try await client.call(CallRequest(to: verifier, data: VerifierCalldata.verifyProof(probe.proof, publicSignals: probe.publicSignals)))
        guard answer.count == 32, RegistryABI.integer(answer[...], as: UInt8.self) == 1 else {
            throw ChainRefusal(description: "the registry's verifier \(verifier) rejects a proof made with the loaded keys (verifying key \(keyHash)): it was made from other keys; deploy with `settlement-agent chain deploy --keys` for these keys, or serve with the keys it was made from")
        }
    }

    private func word(_ signature: String) async throws -> [UInt8] {
        let answer: [UInt8]
        do {
            answer = try await client.call(CallRequest(to: registry, data: RegistryABI.call(signature)))
        } catch {
            guard case let .rpc(_, refusal) = error, refusal.isExecutionReverted else { throw error }
            throw ChainRefusal(description: "the contract at \(registry) reverts \(signature): is it a settlement registry?")
        }
        guard answer.count == 32 else {
            throw ChainRefusal(description: "the registry at \(registry) answers \(signature) with \(answer.count) bytes: is it a settlement registry?")
        }
        return answer
    }

    private func uint<T: FixedWidthInteger & UnsignedInteger>(_ signature: String, as _: T.Type) async throws -> T {
        guard let value = RegistryABI.integer(try await word(signature)[...], as: T.self) else {
            throw ChainRefusal(description: "the registry's \(signature) is out of range")
        }
        return value
    }
}
