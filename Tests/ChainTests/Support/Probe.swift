import Chain
import Foundation
import Groth16
import TestSupport

extension LiveChain {
    /// Deploys Probe.sol; returns its address.
    func deployProbe() async throws -> EthereumAddress {
        let receipt = try await send(to: nil, data: try Probe.initCode())
        guard receipt.succeeded, let address = receipt.contractAddress else {
            throw DevChain.Failure(description: "Probe deployment failed: \(receipt)")
        }
        return address
    }
}

/// Probe.sol compiled by solc, and its ABI calls.
enum Probe {
    static let pingTopic = Bytes32(keccak256Of: Array("Ping(uint256,address,uint256)".utf8))

    static func initCode() throws -> [UInt8] {
        let source = ChainEnvironment.root.appendingPathComponent("Tests/ChainTests/Live/Probe.sol")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChainEnvironment.solc)
        process.arguments = ["--optimize", "--combined-json", "bin", source.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Compiled: Decodable { let contracts: [String: [String: String]] }
        let compiled = try JSONDecoder().decode(Compiled.self, from: data)
        guard process.terminationStatus == 0, let bin = compiled.contracts.first(where: { $0.key.hasSuffix(":Probe") })?.value["bin"] else {
            throw DevChain.Failure(description: "solc did not compile Probe.sol")
        }
        return try Hex.bytes("0x" + bin, field: "bin")
    }

    static func ping(_ n: Int) -> [UInt8] { Keccak256.selector("ping(uint256)") + ABIEncoding.word(n) }
    static func pingMany(_ count: Int) -> [UInt8] { Keccak256.selector("pingMany(uint256)") + ABIEncoding.word(count) }
    static let fail = Keccak256.selector("fail()")
    static let total = Keccak256.selector("total()")
}
