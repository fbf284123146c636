import ArgumentParser
import Chain
import Foundation
import Traces

/// `settlement-agent chain`: deploy the contracts for a set of keys, and show what the
/// follower knows (doc/CHAIN.md).
struct ChainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chain",
        abstract: "Deploy the settlement contracts and inspect the chain follower.",
        subcommands: [Deploy.self, Status.self])

    struct Deploy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deploy Verifier, BatchVerifier and SettlementRegistry for the keys; print their addresses as JSON.")

        @Option(help: "Ethereum JSON-RPC URL.") var rpcUrl: String
        @Option(help: "The deployer's secp256k1 key (0x + 64 hex digits) in a file of mode 0600.") var deployerKeyFile: String
        @Option(help: "The keys made by `settlement-agent setup`.") var keys = "data/keys"
        @Option(help: "The provider the registry pays (default: the deployer's address).") var provider: String?
        @Option(help: "Seconds from a withdrawal request to the earliest withdrawal.") var withdrawalDelay: UInt64 = 86_400
        @Option(help: "Seconds a matured withdrawal can run before it lapses.") var withdrawalWindow: UInt64 = 86_400
        @Option(help: "Seconds a rotated-out signer key still settles.") var thawingPeriod: UInt64 = 86_400
        @Option(help: "solc 0.8.20 or later (or SOLC; default: solc on PATH).") var solc: String?

        func run() async throws {
            let keys: SettlementKeys
            do { keys = try SettlementKeys.load(directory: URL(fileURLWithPath: self.keys)) } catch { throw CLIFailure.malformed("\(error)") }
            let deployer: ProviderKey
            do { deployer = try ProviderKey.load(file: deployerKeyFile) } catch { throw CLIFailure.invalid("\(error)") }
            let payee: Address
            do { payee = try provider.map { try Address(hex: $0, field: "--provider") } ?? Address(bytes: deployer.address.bytes) } catch {
                throw CLIFailure.malformed("\(error)")
            }
            guard let compiler = Self.compiler(solc) else {
                throw CLIFailure.invalid("no solc: give --solc, set SOLC or put solc on PATH")
            }
            let client = EthereumRPCClient(url: rpcUrl)
            defer { Task { try? await client.shutdown() } }
            do {
                let deployed = try await RegistryDeployment(client: client, deployer: deployer, compiler: compiler).deploy(
                    for: keys.verifyingKey,
                    .init(provider: payee, withdrawalDelay: withdrawalDelay, withdrawalWindow: withdrawalWindow, thawingPeriod: thawingPeriod))
                var json = deployed.json
                json["provider"] = payee.description
                json["withdrawalDelay"] = String(withdrawalDelay)
                json["withdrawalWindow"] = String(withdrawalWindow)
                json["thawingPeriod"] = String(thawingPeriod)
                json["verifyingKey"] = keys.keyHash
                print(try jsonLine(json))
            } catch let failure as CLIFailure { throw failure } catch {
                throw CLIFailure.invalid("deployment failed: \(error)")
            }
        }

        /// `--solc`, else SOLC, else `solc` on PATH.
        static func compiler(_ option: String?) -> SolidityCompiler? {
            let env = ProcessInfo.processInfo.environment
            let candidates = [option, env["SOLC"]].compactMap { $0 }.filter { !$0.isEmpty }
                + (env["PATH"] ?? "").split(separator: ":").map { "\($0)/solc" }
            return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(SolidityCompiler.init(path:))
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the follower's height, its lag behind the node and the accounts it tracks, as JSON.")

        @Option(help: "Ethereum JSON-RPC URL (for the head; without it only the store is read).") var rpcUrl: String?
        @Option(help: "Directory of the agent's database.") var data = "data"
        @Option(help: "The SQLite database (default: <data>/agent.sqlite).") var database: String?

        func run() async throws {
            let path = database ?? URL(fileURLWithPath: data).appendingPathComponent("agent.sqlite").path
            guard FileManager.default.fileExists(atPath: path) else { throw CLIFailure.invalid("no database at \(path)") }
            let store = try SettlementStore(path: path)
            let cursor = try store.chainCursor()
            var json: [String: Any] = ["database": path]
            if let cursor {
                json["height"] = String(cursor.number)
                json["cursor"] = cursor.json
            }
            if let rpcUrl {
                let client = EthereumRPCClient(url: rpcUrl)
                defer { Task { try? await client.shutdown() } }
                do {
                    let head = try await client.blockNumber()
                    json["head"] = String(head)
                    json["lag"] = String(head - min(head, cursor?.number ?? 0))
                } catch { throw CLIFailure.invalid("\(error)") }
            }
            let served = try store.accounts()
            json["accounts"] = try store.chainAccounts().sorted { $0.key < $1.key }.map { user, state -> [String: Any] in
                let account = served.first { $0.user == user }
                var entry: [String: Any] = ["user": user.description, "balance": String(state.balance), "nonce": String(state.nonce),
                                            "withdrawal": String(state.withdrawal)]
                if let key = state.keyHash { entry["signerKeyHash"] = key.decimalString }
                if state.withdrawal != 0 {
                    entry["withdrawalMaturesAt"] = String(state.withdrawalMaturesAt)
                    entry["withdrawalExpiresAt"] = String(state.withdrawalExpiresAt)
                }
                if let previous = state.previousKeyHash {
                    entry["previousSignerKeyHash"] = previous.decimalString
                    entry["previousKeyValidUntil"] = String(state.previousKeyValidUntil)
                }
                if let account {
                    entry["reserved"] = String(account.reserved)
                    entry["available"] = String(account.available)
                    entry["signerKeyPublished"] = account.signerKey != .unpublished
                }
                return entry
            }
            print(try jsonLine(json))
        }
    }
}
