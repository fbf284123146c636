import Circuits
import Groth16

/// One account's signed transition of L traces, the input the settlement suites measure: a
/// fixed key and domain, the user's address `0xA11CE + account`; trace i has nonce 2i + 1 and
/// fee 1,000 + i.
enum SignedTransition {
    static func input(traces l: Int, account: Int = 0) throws -> SettlementWitnessInput {
        let key = try EdDSAPrivateKey(bytes: (0..<32).map { UInt8($0) })
        let signerKey = EdDSAPoseidon.publicKey(of: key)
        let domain = SettlementStatement.domain(chainId: 1, settlementContract: Fr(0xC0FFEE))
        let user = Fr(UInt64(0xA11CE + account)), provider = Fr(0xB0B)
        let traces = (0..<l).map { i -> SettlementWitnessInput.Trace in
            let nonce = UInt64(2 * i + 1), fee = UInt128(1_000 + i), requestHash = Fr(UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
            let m = SettlementStatement.message(domain: domain, user: user, provider: provider, nonce: nonce, fee: fee,
                                                requestHash: requestHash)
            return .init(nonce: nonce, fee: fee, requestHash: requestHash, signature: EdDSAPoseidon.sign(m, with: key))
        }
        return try SettlementWitnessInput.transition(domain: domain, provider: provider, user: user, signerKey: signerKey,
                                                     initNonce: 0, initBalance: 1 << 100, traces: traces, slots: l)
    }
}
