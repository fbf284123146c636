import Foundation
import TestSupport
import Groth16
@testable import Traces

/// Builders for store tests (signatures are checked by TraceVerifier, not by the store).
enum TraceFixtures {
    static let provider = try! Address(hex: "0x" + String(repeating: "ab", count: 20))

    static func user(_ i: Int) -> Address {
        Address(bytes: [UInt8](repeating: 0, count: 19) + [UInt8(i)])
    }

    static let key = SignerKey(ax: Fr(11), ay: Fr(12))

    static func trace(user: Address, nonce: UInt64, fee: UInt128, salt: UInt64 = 0) -> RequestTrace {
        RequestTrace(user: user, provider: provider, nonce: nonce, fee: fee, requestHash: Fr(1000 + nonce + salt),
                     signature: TraceSignature(r8x: Fr(nonce), r8y: Fr(salt), s: Fr(7)))
    }

    static func verified(_ t: RequestTrace, key: SignerKey = key) -> VerifiedTrace {
        VerifiedTrace(trace: t, signerKey: key)
    }

    static func temporaryStore(maxUnsettled: UInt128? = nil) throws -> (SettlementStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("traces-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SettlementStore(path: dir.appendingPathComponent("agent.sqlite").path, maxUnsettled: maxUnsettled), dir)
    }

    static func register(_ store: SettlementStore, _ user: Address, balance: UInt128, nonce: UInt64 = 0,
                         key: SignerKey = key) throws {
        try store.upsertAccount(AccountUpdate(user: user, signerKey: key, signerKeyHash: Fr(99), balance: balance, nonce: nonce))
    }

    /// Claims and completes every queued job with a placeholder proof (the store does not look
    /// inside proofs); `check` sees each job as it is claimed.
    static func proveAll(_ store: SettlementStore, check: (ProvingJob) -> Void = { _ in }) throws {
        while let job = try store.claimNextJob() {
            check(job)
            try store.completeJob(transitionID: job.transition.id, proof: StoredProof(proofJSON: "{}", publicJSON: "[]"),
                                  timings: ["total": 0.1])
        }
    }
}
