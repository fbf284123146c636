import Circuits
import Foundation
import Groth16
import Testing
@testable import Traces

/// `TraceIngestor.submit` (group commit) gives the results `ingest` gives, and concurrent
/// submitters each get their own results while sharing commits.
@Suite struct GroupCommitTests {
    typealias F = TraceFixtures
    let domain = SettlementDomain(chainId: 16600, settlementContract: try! Address(hex: "0x" + String(repeating: "c0", count: 20)))

    static func key(_ i: Int) -> EdDSAPrivateKey { try! EdDSAPrivateKey(bytes: [UInt8](repeating: UInt8(i), count: 32)) }

    func signed(_ user: Int, _ nonce: UInt64, fee: UInt128 = 5) -> RequestTrace {
        TraceSigning.sign(user: F.user(user), provider: F.provider, nonce: nonce, fee: fee, requestHash: Fr(100 * nonce + 1),
                          domain: domain, key: Self.key(user))
    }

    func ingestor(users: ClosedRange<Int>, balance: UInt128) throws -> TraceIngestor {
        let (store, _) = try F.temporaryStore()
        for u in users {
            let signer = TraceSigning.signerKey(of: Self.key(u))
            try store.upsertAccount(AccountUpdate(user: F.user(u), signerKey: signer, signerKeyHash: signer.hash, balance: balance, nonce: 0))
        }
        return TraceIngestor(store: store, verifier: TraceVerifier(domain: domain, provider: F.provider))
    }

    @Test func submitMatchesIngest() async throws {
        var forged = signed(1, 3)
        forged.fee = 4
        let batch = [signed(1, 1), signed(1, 2), forged, signed(1, 2), signed(1, 1, fee: 6), signed(2, 1, fee: 11), signed(3, 1), signed(1, 9)]
        let direct = try ingestor(users: 1...2, balance: 10).ingest(batch)
        let grouped = try await ingestor(users: 1...2, balance: 10).submit(batch)
        #expect(grouped == direct)
        #expect(direct[2] == .failure(.invalidSignature) && direct[3] == .success(.duplicate(id: 2)))
        #expect(direct[5] == .failure(.insufficientBalance(available: 10, fee: 11)))
        #expect(direct[6] == .failure(.unknownAccount(F.user(3))))
    }

    @Test func concurrentSubmittersGetTheirOwnResults() async throws {
        let ingestor = try ingestor(users: 1...6, balance: 1_000)
        let perUser = 12
        let traces = (1...6).map { u in (1...perUser).map { signed(u, UInt64($0)) } }
        let results = try await withThrowingTaskGroup(of: (Int, [Result<IngestOutcome, TraceRejection>]).self) { group in
            for u in 0..<6 {
                group.addTask {
                    // One trace per call, in nonce order, as a single-trace client sends them.
                    var mine: [Result<IngestOutcome, TraceRejection>] = []
                    for t in traces[u] { mine += try await ingestor.submit([t]) }
                    return (u, mine)
                }
            }
            var all = [[Result<IngestOutcome, TraceRejection>]](repeating: [], count: 6)
            for try await (u, r) in group { all[u] = r }
            return all
        }
        var ids = Set<Int64>()
        for (u, mine) in results.enumerated() {
            #expect(mine.count == perUser)
            for (i, r) in mine.enumerated() {
                guard case let .success(.accepted(id)) = r else { Issue.record("user \(u) trace \(i): \(r)"); continue }
                ids.insert(id)
                #expect(try ingestor.store.trace(id: id)?.trace == traces[u][i])
            }
        }
        #expect(ids.count == 6 * perUser)
        #expect(try ingestor.store.traceCounts() == [.pending: 6 * perUser])
    }
}
