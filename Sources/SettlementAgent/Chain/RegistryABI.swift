import Chain
import Circuits
import Groth16
import Traces

/// The settlement registry's ABI as the agent uses it: calls it makes (views for the start-up
/// check, the users' own calls for tools and tests) and the events it follows, decoded into
/// `RegistryEvent`s. Every word from the chain is range-checked into its type; a log that does
/// not decode is an error naming it, never a guess.
enum RegistryABI {
    /// Calldata: the selector of `signature` and its arguments, one word each.
    static func call(_ signature: String, _ words: [[UInt8]] = []) -> [UInt8] {
        Keccak256.selector(signature) + words.joined()
    }

    static func word(_ value: UInt128) -> [UInt8] {
        [UInt8](repeating: 0, count: 16) + (0..<16).map { UInt8(truncatingIfNeeded: value >> (120 - 8 * UInt128($0))) }
    }

    static func word(_ address: Address) -> [UInt8] { [UInt8](repeating: 0, count: 12) + address.bytes }

    static func word(_ field: Fr) -> [UInt8] { field.bigEndianBytes }

    /// The unsigned integer in a 32-byte word, or nil when it does not fit `T`.
    static func integer<T: FixedWidthInteger & UnsignedInteger>(_ word: ArraySlice<UInt8>, as _: T.Type = T.self) -> T? {
        guard word.count == 32 else { return nil }
        let width = T.bitWidth / 8
        guard word.prefix(32 - width).allSatisfy({ $0 == 0 }) else { return nil }
        return word.suffix(width).reduce(T(0)) { $0 << 8 | T($1) }
    }

    /// The address in a word whose top 12 bytes are zero.
    static func address(_ word: ArraySlice<UInt8>) -> Address? {
        guard word.count == 32, word.prefix(12).allSatisfy({ $0 == 0 }) else { return nil }
        return Address(bytes: Array(word.suffix(20)))
    }

    /// A field element below r in a word.
    static func field(_ word: ArraySlice<UInt8>) -> Fr? {
        guard word.count == 32, let value = try? Fr(canonicalBigEndian: Array(word)) else { return nil }
        return value
    }

    /// The topics the follower asks for: topic0 of every registry event.
    static let eventTopics: [Bytes32] = SettlementRegistry.Event.allCases.map { try! Bytes32(bytes: $0.topic) }

    /// A log of the registry as a `ChainLog`; throws when a registry event does not decode.
    static func decode(_ log: LogEntry) throws -> ChainLog {
        guard let topic = log.topics.first, let event = SettlementRegistry.Event.allCases.first(where: { $0.topic == topic.bytes }) else {
            throw ChainError.malformedResponse(method: "eth_getLogs", reason: "log \(log.logIndex) of block \(log.blockNumber) is no registry event")
        }
        let words = stride(from: 0, to: log.data.count, by: 32).map { log.data[$0..<min($0 + 32, log.data.count)] }
        func fail() -> ChainError {
            .malformedResponse(method: "eth_getLogs", reason: "\(event.signature) in block \(log.blockNumber), log \(log.logIndex), does not decode")
        }
        guard log.topics.count == 2, log.data.count % 32 == 0 else { throw fail() }
        let indexed = log.topics[1].bytes[...]
        func amount(_ i: Int) throws -> UInt128 { guard i < words.count, let v = integer(words[i], as: UInt128.self) else { throw fail() }; return v }
        func time(_ i: Int) throws -> UInt64 { guard i < words.count, let v = integer(words[i], as: UInt64.self) else { throw fail() }; return v }
        func key(_ i: Int) throws -> Fr { guard i < words.count, let v = field(words[i]) else { throw fail() }; return v }
        func user() throws -> Address { guard let a = address(indexed) else { throw fail() }; return a }
        let decoded: RegistryEvent
        switch event {
        case .deposited:
            guard words.count == 2 else { throw fail() }
            decoded = .deposited(user: try user(), amount: try amount(0), balance: try amount(1))
        case .signerKeyRegistered:
            guard words.count == 1 else { throw fail() }
            decoded = .signerKeyRegistered(user: try user(), keyHash: try key(0))
        case .signerKeyRotated:
            guard words.count == 3 else { throw fail() }
            decoded = .signerKeyRotated(user: try user(), oldKeyHash: try key(0), newKeyHash: try key(1), oldKeyValidUntil: try time(2))
        case .settled:
            guard words.count == 4 else { throw fail() }
            decoded = .settled(user: try user(), initNonce: try time(0), finalNonce: try time(1), amount: try amount(2),
                               balance: try amount(3))
        case .settlementSkipped:
            guard words.count == 2 else { throw fail() }
            decoded = .settlementSkipped(user: Fr(reducingBigEndian: Array(indexed)), index: try time(0), reason: try time(1))
        case .withdrawalRequested:
            guard words.count == 3 else { throw fail() }
            decoded = .withdrawalRequested(user: try user(), amount: try amount(0), maturesAt: try time(1), expiresAt: try time(2))
        case .withdrawn:
            guard words.count == 2 else { throw fail() }
            decoded = .withdrawn(user: try user(), amount: try amount(0), balance: try amount(1))
        case .earningsWithdrawn:
            guard words.count == 1 else { throw fail() }
            decoded = .earningsWithdrawn(provider: try user(), amount: try amount(0))
        }
        return ChainLog(blockNumber: log.blockNumber, logIndex: log.logIndex, transactionHash: log.transactionHash.description,
                        event: decoded)
    }
}
