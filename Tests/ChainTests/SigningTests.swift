@testable import Chain
import Foundation
import Testing
import TestSupport

/// EIP-1559 signing against eth-account: byte-identical raw transactions and equal hashes for
/// seeded random transactions, plus fixed vectors that need no Python.
@Suite struct SigningTests {
    static let keyOne = "0x" + String(repeating: "0", count: 63) + "1"

    /// Key 1's address is the well-known 0x7E5F...5Bdf; its transfer signed by eth-account 0.14.0.
    @Test func fixedVector() throws {
        let key = try ProviderKey(hex: Self.keyOne)
        #expect(key.address.description == "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf")
        let tx = EIP1559Transaction(chainId: 1, nonce: 0, maxPriorityFeePerGas: 0, maxFeePerGas: 0, gasLimit: 21_000,
                                    to: try EthereumAddress(hex: "0x000000000000000000000000000000000000dead"))
        let signed = try tx.signed(with: key)
        #expect(Hex.data(signed.rawBytes) == "0x02f8620180808082520894000000000000000000000000000000000000dead8080c080a09ec65104d93b7de2d9cf0c3b625694498e8edd60f02e17ec7b940599658acacba021c8738acb82375b41afe15c54ca1b246d7f6e09975c1a5b13fb210972ec4c9a")
        #expect(signed.hash.description == "0xbda1a65e10e4d3fcfb857554a79142832052fad6cf1af30592be06cd74c53a12")
    }

    /// s is at most n/2 for every signature (EIP-2), and yParity is 0 or 1.
    @Test func lowS() throws {
        let halfOrder: [UInt8] = try Hex.bytes("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", field: "n/2")
        var generator = SeededGenerator(seed: 11)
        let key = try ProviderKey(hex: Self.keyOne)
        var parities = Set<UInt8>()
        for _ in 0..<64 {
            let signature = try key.sign(digest: try Bytes32(bytes: generator.bytes(32)))
            #expect(!halfOrder.lexicographicallyPrecedes(signature.s))
            parities.insert(signature.yParity)
        }
        #expect(parities == [0, 1])
    }

    private struct OracleTransaction: Codable {
        let key: String, chainId: UInt64, nonce: UInt64, maxPriorityFeePerGas: String, maxFeePerGas: String
        let gas: UInt64, to: String?, value: String, data: String
    }
    private struct OracleRequest: Codable { let transactions: [OracleTransaction] }
    private struct OracleSigned: Codable { let raw: String, hash: String, address: String }
    private struct OracleResponse: Codable { let signed: [OracleSigned] }

    @Test(.enabled(if: ChainEnvironment.runPython, "needs SETTLEMENT_PYTHON with eth-account (make python)"))
    func matchesEthAccount() throws {
        var generator = SeededGenerator(seed: 0x1559)
        var cases: [(key: String, tx: EIP1559Transaction)] = []
        for i in 0..<48 {
            let key = try Self.randomKey(&generator)
            // Edge values: zeros, empty data, no recipient (creation), 2^128-1 wei, long data.
            let tx = EIP1559Transaction(
                chainId: i % 5 == 0 ? 1 : generator.next() >> (generator.next() % 64),
                nonce: i % 4 == 0 ? 0 : generator.next() >> (generator.next() % 64),
                maxPriorityFeePerGas: i % 3 == 0 ? 0 : UInt128(generator.next()),
                maxFeePerGas: i % 7 == 0 ? .max : UInt128(generator.next()) << (generator.next() % 64),
                gasLimit: i % 6 == 0 ? 21_000 : generator.next() >> 20,
                to: i % 8 == 1 ? nil : try EthereumAddress(bytes: generator.bytes(20)),
                value: i % 2 == 0 ? 0 : (i % 5 == 1 ? .max : UInt128(generator.next()) << 40),
                data: i % 3 == 1 ? [] : generator.bytes(Int(generator.next() % (i % 9 == 2 ? 300 : 40))))
            cases.append((key, tx))
        }
        let request = OracleRequest(transactions: cases.map { c in
            OracleTransaction(key: c.key, chainId: c.tx.chainId, nonce: c.tx.nonce,
                              maxPriorityFeePerGas: String(c.tx.maxPriorityFeePerGas), maxFeePerGas: String(c.tx.maxFeePerGas),
                              gas: c.tx.gasLimit, to: c.tx.to?.description, value: String(c.tx.value), data: Hex.data(c.tx.data))
        })
        let response: OracleResponse = try PythonOracle.ask(Self.oracle, request)
        try #require(response.signed.count == cases.count)
        for (c, expected) in zip(cases, response.signed) {
            let key = try ProviderKey(hex: c.key)
            let signed = try c.tx.signed(with: key)
            #expect(key.address.description == expected.address)
            #expect(Hex.data(signed.rawBytes) == expected.raw, "\(c.tx)")
            #expect(signed.hash.description == expected.hash)
        }
    }

    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracles/eth_account_oracle.py")

    /// A random valid key (below n: a random 256-bit value is above n with probability ~2^-128).
    static func randomKey(_ generator: inout SeededGenerator) throws -> String {
        Hex.data(generator.bytes(32))
    }
}
