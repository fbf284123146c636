import Groth16

/// A pending trace as batching sees it.
public struct PendingTrace: Hashable, Sendable {
    public var id: Int64
    public var nonce: UInt64
    public var fee: UInt128
    /// The hash of the signer key the trace was verified under (nil: the account's key).
    public var signerKeyHash: Fr?

    public init(id: Int64, nonce: UInt64, fee: UInt128, signerKeyHash: Fr? = nil) {
        self.id = id
        self.nonce = nonce
        self.fee = fee
        self.signerKeyHash = signerKeyHash
    }
}

/// A transition to prove: the statement and the traces (in nonce order) that justify it.
public struct PlannedTransition: Hashable, Sendable {
    public var transition: StateTransition
    public var traceIDs: [Int64]
}

/// Why batching refused an account's traces (the store never lets these happen; the planner
/// checks anyway, so a corrupted database cannot produce an unprovable statement).
public enum BatchingError: Error, Equatable, CustomStringConvertible {
    case nonceNotIncreasing(user: Address, previous: UInt64, next: UInt64)
    case overdraft(user: Address, nonce: UInt64, balance: UInt128, fee: UInt128)
    case invalidLimit(Int)

    public var description: String {
        switch self {
        case let .nonceNotIncreasing(u, p, n): return "account \(u): trace nonce \(n) does not exceed \(p)"
        case let .overdraft(u, n, b, f): return "account \(u): trace \(n) fee \(f) exceeds balance \(b)"
        case let .invalidLimit(l): return "traces per transition must be at least 1, got \(l)"
        }
    }
}

/// Splits one account's pending traces into consecutive transitions of at most `limit` traces,
/// each starting where the previous one ends. A transition is proved under one signer key, so
/// traces signed under different keys (before and after a rotation) never share one.
public enum TransitionPlanner {
    public static func plan(user: Address, startBalance: UInt128, startNonce: UInt64,
                            traces: [PendingTrace], limit: Int) throws -> [PlannedTransition] {
        guard limit >= 1 else { throw BatchingError.invalidLimit(limit) }
        var balance = startBalance
        var nonce = startNonce
        var plans: [PlannedTransition] = []
        var index = 0
        while index < traces.count {
            var end = index + 1
            while end < min(index + limit, traces.count), traces[end].signerKeyHash == traces[index].signerKeyHash { end += 1 }
            let chunk = traces[index..<end]
            let initBalance = balance, initNonce = nonce
            for t in chunk {
                guard t.nonce > nonce else {
                    throw BatchingError.nonceNotIncreasing(user: user, previous: nonce, next: t.nonce)
                }
                guard t.fee <= balance else {
                    throw BatchingError.overdraft(user: user, nonce: t.nonce, balance: balance, fee: t.fee)
                }
                balance -= t.fee
                nonce = t.nonce
            }
            plans.append(PlannedTransition(
                transition: StateTransition(user: user, initBalance: initBalance, finalBalance: balance,
                                            initNonce: initNonce, finalNonce: nonce),
                traceIDs: chunk.map(\.id)))
            index += chunk.count
        }
        return plans
    }
}
