import GRDB
import Groth16

/// A trace whose signature has been checked against `signerKey` (only `TraceVerifier` makes
/// these, so the store never sees an unverified trace).
public struct VerifiedTrace: Hashable, Sendable {
    public let trace: RequestTrace
    public let signerKey: SignerKey

    init(trace: RequestTrace, signerKey: SignerKey) {
        self.trace = trace
        self.signerKey = signerKey
    }
}

/// Why a trace was not accepted. Nothing is written for a rejected trace.
public enum TraceRejection: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownAccount(Address)
    case wrongProvider(expected: Address, got: Address)
    case invalidSignature
    /// Chain mode: the account's registered key (by hash; zero when none is registered) has
    /// no published point (`POST /v1/signer-keys`).
    case signerKeyUnpublished(Fr)
    /// The account's signer key changed between verification and storage.
    case signerKeyChanged
    /// The nonce does not exceed the last accepted nonce of the account.
    case nonceNotIncreasing(last: UInt64, got: UInt64)
    /// Another trace with the same user and nonce, but different content, is stored.
    case conflictingTrace(nonce: UInt64)
    /// The account's balance minus its reserved fees does not cover the fee.
    case insufficientBalance(available: UInt128, fee: UInt128)
    /// Accepting the fee would take the account's unsettled value past `--max-unsettled`.
    case unsettledCap(cap: UInt128, unsettled: UInt128, fee: UInt128)

    public var description: String {
        switch self {
        case let .unknownAccount(u): return "account \(u) is not registered"
        case let .wrongProvider(e, g): return "provider \(g) is not this agent's provider \(e)"
        case .invalidSignature: return "signature does not verify under the account's signer key"
        case let .signerKeyUnpublished(h) where h == .zero: return "the account has no signer key registered on chain"
        case let .signerKeyUnpublished(h):
            return "the account's signer key (hash \(h.decimalString) on chain) is not published: POST its point to /v1/signer-keys"
        case .signerKeyChanged: return "the account's signer key changed; retry"
        case let .nonceNotIncreasing(l, g): return "nonce \(g) does not exceed the last accepted nonce \(l)"
        case let .conflictingTrace(n): return "a different trace with nonce \(n) is already stored"
        case let .insufficientBalance(a, f): return "fee \(f) exceeds the available balance \(a)"
        case let .unsettledCap(c, u, f): return "fee \(f) would take the account's unsettled value \(u) past the cap \(c)"
        }
    }
}

/// The result of storing one trace.
public enum IngestOutcome: Equatable, Sendable {
    /// Stored as a new pending trace.
    case accepted(id: Int64)
    /// The identical trace was already stored (ingestion is idempotent).
    case duplicate(id: Int64)

    public var id: Int64 {
        switch self {
        case let .accepted(id), let .duplicate(id): return id
        }
    }
}

/// A trace as stored, with its status.
public struct StoredTrace: Hashable, Sendable {
    public var id: Int64
    public var trace: RequestTrace
    public var status: TraceStatus
    public var reason: String?
    public var transitionID: Int64?
    public var receivedAt: Double
}

/// Which traces `traces(matching:)` lists.
public struct TraceQuery: Sendable {
    public var user: Address?
    public var status: TraceStatus?
    /// Only traces with id greater than this (for paging).
    public var afterID: Int64?
    public var limit: Int

    public init(user: Address? = nil, status: TraceStatus? = nil, afterID: Int64? = nil, limit: Int = 100) {
        self.user = user
        self.status = status
        self.afterID = afterID
        self.limit = limit
    }
}

extension SettlementStore {
    /// Stores verified traces in order, in one transaction (one commit for the whole batch).
    /// Each trace is accepted, recognised as a duplicate, or rejected with nothing written.
    public func ingest(_ batch: [VerifiedTrace]) throws -> [Result<IngestOutcome, TraceRejection>] {
        try write { db in try Self.ingest(batch, in: db, maxUnsettled: maxUnsettled) }
    }

    /// `ingest(_:)` through the group commit: the batch shares its transaction with the
    /// batches other callers queued meanwhile, and the caller's thread does not wait on the disk.
    public func ingestGrouped(_ batch: [VerifiedTrace]) async throws -> [Result<IngestOutcome, TraceRejection>] {
        try await groupCommit.ingest(batch)
    }

    /// The body of an ingestion transaction.
    static func ingest(_ batch: [VerifiedTrace], in db: Database,
                       maxUnsettled: UInt128?) throws -> [Result<IngestOutcome, TraceRejection>] {
        var accounts = IngestAccounts()
        let results = try batch.map { try ingestOne(db, $0, &accounts, maxUnsettled: maxUnsettled) }
        try accounts.write(db, at: now)
        return results
    }

    /// Stores one trace in the transaction. `accounts` holds the accounts this transaction has
    /// read, with the traces accepted so far applied; `IngestAccounts.write` stores them once
    /// at the end instead of once per trace.
    static func ingestOne(_ db: Database, _ item: VerifiedTrace, _ accounts: inout IngestAccounts,
                          maxUnsettled: UInt128?) throws -> Result<IngestOutcome, TraceRejection> {
        let t = item.trace
        guard var account = try accounts.account(t.user, in: db) else { return .failure(.unknownAccount(t.user)) }
        guard account.signerKey == item.signerKey else { return .failure(.signerKeyChanged) }
        // A stored trace with the same nonce answers first (duplicate or conflict). Nonces
        // above acceptedNonce are normally free, so the happy path does not look: the insert
        // itself finds a left-over row (say, one rejected when the account changed on chain).
        guard t.nonce > account.acceptedNonce else {
            return try existingTrace(db, t) ?? .failure(.nonceNotIncreasing(last: account.acceptedNonce, got: t.nonce))
        }
        guard t.fee <= account.available else {
            return try existingTrace(db, t) ?? .failure(.insufficientBalance(available: account.available, fee: t.fee))
        }
        if let cap = maxUnsettled, t.fee > cap - min(cap, account.reserved) {
            return try existingTrace(db, t) ?? .failure(.unsettledCap(cap: cap, unsettled: account.reserved, fee: t.fee))
        }
        // Cached statements: compiled once per connection, not once per trace.
        try db.cachedStatement(sql: """
            INSERT INTO trace (user, provider, nonce, fee, request_hash, r8x, r8y, s, status, received_at, signer_key_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (user, nonce) DO NOTHING
            """).execute(arguments: [
                t.user.description, t.provider.description, StoredValue.nonce(t.nonce), StoredValue.amount(t.fee),
                StoredValue.field(t.requestHash), StoredValue.field(t.signature.r8x), StoredValue.field(t.signature.r8y),
                StoredValue.field(t.signature.s), now, StoredValue.field(account.signerKeyHash),
            ])
        guard db.changesCount == 1 else {
            guard let stored = try existingTrace(db, t) else { throw StoreError.corrupt("trace (\(t.user), \(t.nonce)) vanished") }
            return stored
        }
        let id = db.lastInsertedRowID
        account.acceptedNonce = t.nonce
        account.reserved += t.fee  // cannot overflow: fee <= balance - reserved
        accounts.update(account)
        return .success(.accepted(id: id))
    }

    /// The outcome for a trace whose (user, nonce) is already stored: a duplicate when it is
    /// the same trace, a conflict otherwise; nil when nothing is stored there.
    private static func existingTrace(_ db: Database, _ t: RequestTrace) throws -> Result<IngestOutcome, TraceRejection>? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM trace WHERE user = ? AND nonce = ?"),
                                         arguments: [t.user.description, StoredValue.nonce(t.nonce)]) else { return nil }
        let stored = try decodeTrace(row)
        return stored.trace == t ? .success(.duplicate(id: stored.id)) : .failure(.conflictingTrace(nonce: t.nonce))
    }

    /// One stored trace by id.
    public func trace(id: Int64) throws -> StoredTrace? {
        try pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM trace WHERE id = ?", arguments: [id]).map(Self.decodeTrace) }
    }

    /// Stored traces matching the query, in id order.
    public func traces(matching q: TraceQuery) throws -> [StoredTrace] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let u = q.user { conditions.append("user = ?"); arguments.append(u.description) }
        if let s = q.status { conditions.append("status = ?"); arguments.append(s.rawValue) }
        if let a = q.afterID { conditions.append("id > ?"); arguments.append(a) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments.append(max(0, q.limit))
        return try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM trace \(whereClause) ORDER BY id LIMIT ?",
                             arguments: StatementArguments(arguments)).map(Self.decodeTrace)
        }
    }

    /// Number of traces per status.
    public func traceCounts() throws -> [TraceStatus: Int] {
        try pool.read { db in
            var counts: [TraceStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM trace GROUP BY status") {
                if let s = TraceStatus(rawValue: row["status"]) { counts[s] = row["n"] }
            }
            return counts
        }
    }

    static func decodeTrace(_ row: Row) throws -> StoredTrace {
        let trace = RequestTrace(
            user: try StoredValue.parseAddress(row["user"], column: "trace.user"),
            provider: try StoredValue.parseAddress(row["provider"], column: "trace.provider"),
            nonce: try StoredValue.parseNonce(row["nonce"], column: "trace.nonce"),
            fee: try StoredValue.parseAmount(row["fee"], column: "trace.fee"),
            requestHash: try StoredValue.parseField(row["request_hash"], column: "trace.request_hash"),
            signature: TraceSignature(r8x: try StoredValue.parseField(row["r8x"], column: "trace.r8x"),
                                      r8y: try StoredValue.parseField(row["r8y"], column: "trace.r8y"),
                                      s: try StoredValue.parseField(row["s"], column: "trace.s")))
        guard let status = TraceStatus(rawValue: row["status"]) else {
            throw StoreError.corrupt("trace.status '\(row["status"] as String)'")
        }
        return StoredTrace(id: row["id"], trace: trace, status: status, reason: row["reason"],
                           transitionID: row["transition_id"], receivedAt: row["received_at"])
    }
}
