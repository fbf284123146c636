import ArgumentParser
import Foundation
import Traces

/// The signing domain on the command line: --chain-id and --settlement-contract, with the
/// same environment variables and development defaults as `serve`.
struct DomainOptions: ParsableArguments {
    @Option(help: "Chain id of the settlement contract (or SETTLEMENT_CHAIN_ID; default: \(ServeCommand.defaultChainId)).")
    var chainId: UInt64?
    @Option(help: "Address of the settlement contract (or SETTLEMENT_CONTRACT; default: \(ServeCommand.defaultContract)).")
    var settlementContract: String?

    func domain() throws -> SettlementDomain {
        let env = ProcessInfo.processInfo.environment
        guard let chain = chainId ?? env["SETTLEMENT_CHAIN_ID"].map({ UInt64($0) }) ?? ServeCommand.defaultChainId else {
            throw CLIFailure.malformed("SETTLEMENT_CHAIN_ID: not a 64-bit unsigned integer")
        }
        do {
            let contract = try Address(hex: settlementContract ?? env["SETTLEMENT_CONTRACT"] ?? ServeCommand.defaultContract,
                                       field: "settlement contract")
            return SettlementDomain(chainId: chain, settlementContract: contract)
        } catch { throw CLIFailure.malformed("\(error)") }
    }
}
