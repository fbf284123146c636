import TestSupport
@testable import Circuits

/// Signed transitions for the settlement-circuit tests, from a seeded generator.
struct SettlementFixture {
    var rng: SeededGenerator
    let key: EdDSAPrivateKey
    let signerKey: BabyJubJub.Point
    let domain: Fr
    let provider = Fr(0xB0B)
    let user: Fr

    /// The key comes from `seed`; `domain` defaults to chain 31337 and contract 0x5e771e00, the
    /// user to 0xA11CE.
    init(seed: UInt64, domain: Fr = SettlementStatement.domain(chainId: 31337, settlementContract: Fr(0x5e77_1e00)),
         user: Fr = Fr(0xA11CE)) {
        self.domain = domain
        self.user = user
        rng = SeededGenerator(seed: seed)
        key = try! EdDSAPrivateKey(bytes: rng.bytes(32))
        signerKey = EdDSAPoseidon.publicKey(of: key)
    }

    mutating func randomField() -> Fr { Fr(reducingLimbs: (rng.next(), rng.next(), rng.next(), rng.next() >> 3)) }

    /// The message of a trace with field-element nonce and fee (forgeries use values a UInt64
    /// or UInt128 cannot hold).
    func message(nonce: Fr, fee: Fr, requestHash: Fr, domain: Fr? = nil) -> Fr {
        try! Poseidon.hash([SettlementStatement.traceMessageTag, domain ?? self.domain, user, provider, nonce, fee, requestHash])
    }

    /// A trace signed with `key` (the fixture's own unless given).
    mutating func trace(nonce: UInt64, fee: UInt128, key: EdDSAPrivateKey? = nil, domain: Fr? = nil) -> SettlementWitnessInput.Trace {
        let requestHash = randomField()
        let m = SettlementStatement.message(domain: domain ?? self.domain, user: user, provider: provider, nonce: nonce,
                                            fee: fee, requestHash: requestHash)
        return .init(nonce: nonce, fee: fee, requestHash: requestHash, signature: EdDSAPoseidon.sign(m, with: key ?? self.key))
    }

    /// A valid input of `count` traces with random nonce steps and fees that fit the balance.
    mutating func input(traces count: Int, slots: Int, initNonce: UInt64 = 7, initBalance: UInt128 = 1_000_000_000)
        throws -> SettlementWitnessInput
    {
        var nonce = initNonce
        var left = initBalance
        var traces: [SettlementWitnessInput.Trace] = []
        for _ in 0..<count {
            nonce += 1 + rng.next() % 3
            let fee = UInt128(rng.next()) % (left / 2 + 1)
            left -= fee
            traces.append(trace(nonce: nonce, fee: fee))
        }
        return try .transition(domain: domain, provider: provider, user: user, signerKey: signerKey, initNonce: initNonce,
                               initBalance: initBalance, traces: traces, slots: slots)
    }
}
