import Foundation
import Testing
import TestSupport
@testable import Circuits

/// Gas per `settle` of 1, 2, 8 and 32 accounts (one proof each, all applied) for every twin,
/// printed as the table in doc/CALLDATA.md ("Gas"); only sanity is asserted.
@Suite(.enabled(if: PythonOracle.python != nil, "needs SETTLEMENT_PYTHON with vyper and pyrevm (make test sets it)"))
struct SettlementRegistryGasTests {
    typealias S = EVMScenario
    typealias R = RegistryScenario

    static let batchSizes = [1, 2, 8, 32]
    static let deposit: UInt128 = 1_000_000

    /// One account per proof: its address, key hash and first transition.
    struct Account: Sendable {
        var address: [UInt8]
        var keyHash: [UInt8]
        var proof: R.Proven
    }

    static let accounts = Result(catching: {
        try (0..<batchSizes.reduce(0, +)).map { i -> Account in
            let address = R.address(0xC0_0000 + UInt64(i))
            var fixture = R.fixture(seed: 7000 + UInt64(i), user: address)
            return Account(address: address, keyHash: R.keyHash(fixture),
                           proof: try R.prove(&fixture, initNonce: 0, initBalance: deposit))
        }
    })

    @Test(arguments: RegistryTwin.all)
    func settleGasPerAccountCount(_ twin: RegistryTwin) throws {
        let accounts = try Self.accounts.get()
        var scenario = S(chainId: R.chainId)
        try twin.deploy(&scenario, key: R.verifyingKey, provider: R.provider)
        scenario.funded = accounts.map(\.address)
        for (i, account) in accounts.enumerated() {
            scenario.call("deposit \(i)", from: account.address, to: R.registry, "deposit()", value: Self.deposit)
            scenario.call("register \(i)", from: account.address, to: R.registry, "registerSignerKey(uint256)", [account.keyHash])
        }
        var next = 0
        for size in Self.batchSizes {
            let batch = accounts[next..<(next + size)]
            next += size
            scenario.call("settle \(size)", from: R.provider, to: R.registry, calldata: R.settle(batch.map(\.proof.entry)))
        }
        let outcome = try scenario.run()

        var gas: [Int] = []
        for size in Self.batchSizes {
            let result = outcome["settle \(size)"]
            #expect(result.success, "\(size) accounts: \(result.revert)")
            #expect(result.logs.count == size, "every account settles")
            gas.append(result.gas)
        }
        #expect(gas == gas.sorted() && gas[0] > 21_000, "more accounts cost more")
        let marginal = (gas[3] - gas[0]) / (Self.batchSizes[3] - Self.batchSizes[0])
        let perAccount = zip(Self.batchSizes, gas).map { "\($0): \($1) (\($1 / $0)/account)" }.joined(separator: ", ")
        print("settle gas, \(twin.testDescription): \(perAccount); marginal \(marginal) per account (1 -> 32)")
    }
}
