import ArgumentParser
import Chain
import Foundation
import Traces

/// `serve`'s options for the chain mode (doc/CHAIN.md): the node, the registry, the provider
/// key, the follower and the settlement policy. Without `--rpc-url` the agent runs without a
/// chain, as before.
struct ChainOptions: ParsableArguments {
    @Option(help: "Ethereum JSON-RPC URL: follow the registry and settle on this chain (with --registry).") var rpcUrl: String?
    @Option(help: "Address of the settlement registry (`chain deploy` prints it).") var registry: String?
    @Option(help: "Seconds one JSON-RPC attempt may take (each call is tried up to 4 times).") var rpcTimeout: Double = 10
    @Option(help: "The registry's deployment block: where the follower starts.") var fromBlock: UInt64 = 0
    @Option(help: "Blocks on top of a block before the agent acts on it.") var confirmations: UInt64 = 2
    @Option(help: "Seconds between rounds of following, settling and submitting.") var pollInterval: Double = 2
    @Option(help: "The provider's secp256k1 key (0x + 64 hex digits) in a file of mode 0600, to send settle transactions (or SETTLEMENT_PROVIDER_KEY). Without it the agent prepares calldata and confirms from the events it sees.")
    var providerKeyFile: String?
    @Option(help: "Settle an account once its unsettled value reaches this (default: value alone never triggers).")
    var settleAbove: String?
    @Option(help: "Settle an account once its oldest pending trace is this many seconds old.") var settleAfter: Double = 3600
    @Option(help: "Seconds before a withdrawal request matures, or a rotated-out key stops settling, by which the account is settled.")
    var settleMargin: UInt64 = 3600
    @Option(help: "Most accounts in one automatic settlement.") var maxAccountsPerSettlement = 32
    @Option(help: "Most gas one settle transaction may use.") var gasCap: UInt64 = 15_000_000
    @Option(help: "Blocks a settle transaction may wait before it is replaced with higher fees.") var bumpAfterBlocks: UInt64 = 3
    @Option(help: "Highest max fee per gas (wei) the agent pays (default: no cap).") var maxFeePerGas: String?

    var isEnabled: Bool { rpcUrl != nil }

    func validate() throws {
        guard (rpcUrl == nil) == (registry == nil) else { throw ValidationError("--rpc-url and --registry go together") }
        guard pollInterval > 0, settleAfter >= 0, rpcTimeout > 0 else { throw ValidationError("--poll-interval and --rpc-timeout must be positive, --settle-after not negative") }
        guard maxAccountsPerSettlement >= 1, bumpAfterBlocks >= 1 else {
            throw ValidationError("--max-accounts-per-settlement and --bump-after-blocks must be at least 1")
        }
        if let registry {
            do { _ = try EthereumAddress(hex: registry, field: "--registry") } catch { throw ValidationError("\(error)") }
        }
        _ = try policy()
        _ = try feeCap()
    }

    func registryAddress() throws -> EthereumAddress {
        do { return try EthereumAddress(hex: registry ?? "", field: "--registry") } catch {
            throw CLIFailure.malformed("\(error)")
        }
    }

    /// The client's timeouts and retries.
    var rpcConfiguration: RPCConfiguration { RPCConfiguration(requestTimeout: .milliseconds(Int(rpcTimeout * 1000))) }

    func policy() throws -> SettlementPolicy {
        SettlementPolicy(threshold: try settleAbove.map { try Self.amount($0, "--settle-above") }, maxAge: settleAfter,
                         margin: settleMargin, maxAccounts: maxAccountsPerSettlement)
    }

    func feeCap() throws -> UInt128? { try maxFeePerGas.map { try Self.amount($0, "--max-fee-per-gas") } }

    /// The provider key from `--provider-key-file` or SETTLEMENT_PROVIDER_KEY, or nil.
    func providerKey(environment: [String: String]) throws -> ProviderKey? {
        do {
            if let providerKeyFile { return try ProviderKey.load(file: providerKeyFile) }
            if environment["SETTLEMENT_PROVIDER_KEY"] != nil {
                return try ProviderKey.load(environment: "SETTLEMENT_PROVIDER_KEY", from: environment)
            }
            return nil
        } catch { throw CLIFailure.invalid("\(error)") }
    }

    static func amount(_ text: String, _ name: String) throws -> UInt128 {
        let digits = text.utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.count == 1 || digits.first != 48,
              let value = UInt128(text) else {
            throw ValidationError("\(name): expected a decimal amount below 2^128")
        }
        return value
    }
}
