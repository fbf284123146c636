import Groth16

/// An event of the settlement registry (`SettlementRegistry.Event`), decoded: what the chain
/// follower indexes. Amounts and balances are below 2^128 (the registry's MAX_BALANCE);
/// timestamps and nonces below 2^64.
public enum RegistryEvent: Hashable, Sendable {
    case deposited(user: Address, amount: UInt128, balance: UInt128)
    case signerKeyRegistered(user: Address, keyHash: Fr)
    case signerKeyRotated(user: Address, oldKeyHash: Fr, newKeyHash: Fr, oldKeyValidUntil: UInt64)
    case settled(user: Address, initNonce: UInt64, finalNonce: UInt64, amount: UInt128, balance: UInt128)
    /// `user` is the statement's user signal (an address unless `reason` is InvalidUser).
    case settlementSkipped(user: Fr, index: UInt64, reason: UInt64)
    case withdrawalRequested(user: Address, amount: UInt128, maturesAt: UInt64, expiresAt: UInt64)
    case withdrawn(user: Address, amount: UInt128, balance: UInt128)
    case earningsWithdrawn(provider: Address, amount: UInt128)

    /// The event's name in the contract.
    public var name: String {
        switch self {
        case .deposited: return "Deposited"
        case .signerKeyRegistered: return "SignerKeyRegistered"
        case .signerKeyRotated: return "SignerKeyRotated"
        case .settled: return "Settled"
        case .settlementSkipped: return "SettlementSkipped"
        case .withdrawalRequested: return "WithdrawalRequested"
        case .withdrawn: return "Withdrawn"
        case .earningsWithdrawn: return "EarningsWithdrawn"
        }
    }

    /// The account the event is about (nil for a skip whose user signal is not an address).
    public var user: Address? {
        switch self {
        case let .deposited(u, _, _), let .signerKeyRegistered(u, _), let .signerKeyRotated(u, _, _, _),
             let .settled(u, _, _, _, _), let .withdrawalRequested(u, _, _, _), let .withdrawn(u, _, _),
             let .earningsWithdrawn(u, _):
            return u
        case let .settlementSkipped(signal, _, _):
            return Address(signal: signal)
        }
    }

    /// The values after the user, in the event's order, as decimal strings (how the store
    /// keeps them).
    var values: [String] {
        switch self {
        case let .deposited(_, a, b), let .withdrawn(_, a, b): return [String(a), String(b)]
        case let .signerKeyRegistered(_, k): return [k.decimalString]
        case let .signerKeyRotated(_, o, n, v): return [o.decimalString, n.decimalString, String(v)]
        case let .settled(_, i, f, a, b): return [String(i), String(f), String(a), String(b)]
        case let .settlementSkipped(u, i, r): return [u.decimalString, String(i), String(r)]
        case let .withdrawalRequested(_, a, m, e): return [String(a), String(m), String(e)]
        case let .earningsWithdrawn(_, a): return [String(a)]
        }
    }

    /// The event as the store wrote it (`name`, `user` column, `values`); nil when malformed.
    init?(name: String, user: String, values v: [String]) {
        func amount(_ i: Int) -> UInt128? { i < v.count ? UInt128(v[i]) : nil }
        func integer(_ i: Int) -> UInt64? { i < v.count ? UInt64(v[i]) : nil }
        func field(_ i: Int) -> Fr? { i < v.count ? try? Fr(decimal: v[i]) : nil }
        let address = try? Address(hex: user)
        switch name {
        case "Deposited":
            guard let address, let a = amount(0), let b = amount(1) else { return nil }
            self = .deposited(user: address, amount: a, balance: b)
        case "SignerKeyRegistered":
            guard let address, let k = field(0) else { return nil }
            self = .signerKeyRegistered(user: address, keyHash: k)
        case "SignerKeyRotated":
            guard let address, let o = field(0), let n = field(1), let t = integer(2) else { return nil }
            self = .signerKeyRotated(user: address, oldKeyHash: o, newKeyHash: n, oldKeyValidUntil: t)
        case "Settled":
            guard let address, let i = integer(0), let f = integer(1), let a = amount(2), let b = amount(3) else { return nil }
            self = .settled(user: address, initNonce: i, finalNonce: f, amount: a, balance: b)
        case "SettlementSkipped":
            guard let u = field(0), let i = integer(1), let r = integer(2) else { return nil }
            self = .settlementSkipped(user: u, index: i, reason: r)
        case "WithdrawalRequested":
            guard let address, let a = amount(0), let m = integer(1), let e = integer(2) else { return nil }
            self = .withdrawalRequested(user: address, amount: a, maturesAt: m, expiresAt: e)
        case "Withdrawn":
            guard let address, let a = amount(0), let b = amount(1) else { return nil }
            self = .withdrawn(user: address, amount: a, balance: b)
        case "EarningsWithdrawn":
            guard let address, let a = amount(0) else { return nil }
            self = .earningsWithdrawn(provider: address, amount: a)
        default:
            return nil
        }
    }
}

/// A registry event where the chain put it.
public struct ChainLog: Hashable, Sendable {
    public var blockNumber: UInt64
    public var logIndex: UInt64
    /// "0x" + 64 hex digits.
    public var transactionHash: String
    public var event: RegistryEvent

    public init(blockNumber: UInt64, logIndex: UInt64, transactionHash: String, event: RegistryEvent) {
        self.blockNumber = blockNumber
        self.logIndex = logIndex
        self.transactionHash = transactionHash
        self.event = event
    }
}

/// A block the follower has checked: its number, hash ("0x" + 64 hex digits) and timestamp.
public struct ChainBlock: Hashable, Sendable {
    public var number: UInt64
    public var hash: String
    public var timestamp: UInt64

    public init(number: UInt64, hash: String, timestamp: UInt64) {
        self.number = number
        self.hash = hash
        self.timestamp = timestamp
    }
}

extension Address {
    /// The address a field element denotes, or nil when it is 2^160 or more.
    public init?(signal: Fr) {
        let bytes = signal.bigEndianBytes
        guard bytes.prefix(12).allSatisfy({ $0 == 0 }) else { return nil }
        self.init(bytes: Array(bytes.suffix(20)))
    }
}
