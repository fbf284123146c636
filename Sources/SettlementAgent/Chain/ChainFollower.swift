import Chain
import Traces

/// Follows the registry (doc/CHAIN.md, "Following the registry"): each `step` applies the
/// registry's logs of the blocks after the cursor up to `confirmations` below the head, in
/// pages of at most `maxBlocksPerStep` blocks, after checking that the cursor block is still
/// on the node's chain; on a mismatch it walks back over the stored blocks to the fork point,
/// rolls the store back to it and replays from there.
struct ChainFollower: Sendable {
    let client: EthereumRPCClient
    let store: SettlementStore
    let registry: EthereumAddress
    /// The registry's deployment block: where following starts.
    let fromBlock: UInt64
    /// Blocks a block must have on top of it before it is applied (0: the head itself).
    let confirmations: UInt64
    let maxBlocksPerStep: UInt64

    /// What one step saw and did.
    struct Step: Sendable {
        var head: UInt64
        /// The cursor after the step (nil: nothing applied yet).
        var cursor: ChainBlock?
        var sync: ChainSync?
        var rolledBackTo: UInt64?
        /// Whether blocks remain to apply up to the confirmed head (call again at once).
        var behind: Bool

        /// Blocks between the head and the cursor.
        var lag: UInt64 { head - min(head, cursor?.number ?? 0) }
    }

    func step() async throws -> Step {
        let head = try await client.blockNumber()
        var cursor = try store.chainCursor()
        var rolledBack: UInt64?
        if let known = cursor, try await client.block(.number(known.number))?.hash.description != known.hash {
            let fork = try await forkPoint(below: known.number)
            let sync = try store.rollBackChain(after: fork)
            rolledBack = fork
            cursor = try store.chainCursor()
            return Step(head: head, cursor: cursor, sync: sync, rolledBackTo: rolledBack, behind: true)
        }
        guard head >= confirmations else { return Step(head: head, cursor: cursor, behind: false) }
        let target = head - confirmations
        let from = cursor.map { $0.number + 1 } ?? fromBlock
        guard from <= target else { return Step(head: head, cursor: cursor, behind: false) }
        let to = min(target, from + maxBlocksPerStep - 1)
        // The end block before and after the logs: the same hash means the logs are of that
        // chain (a reorg below it would change it).
        guard let end = try await client.block(.number(to)) else { return Step(head: head, cursor: cursor, behind: true) }
        let entries = try await client.logs(LogFilter(fromBlock: from, toBlock: to, addresses: [registry], topics: [RegistryABI.eventTopics]))
        guard try await client.block(.number(to))?.hash == end.hash else { return Step(head: head, cursor: cursor, behind: true) }
        var checked: [ChainBlock] = []
        for number in Set(entries.map(\.blockNumber)).sorted() where number != to {
            guard let block = try await client.block(.number(number)),
                  entries.allSatisfy({ $0.blockNumber != number || $0.blockHash == block.hash }) else {
                return Step(head: head, cursor: cursor, behind: true)
            }
            checked.append(ChainBlock(number: number, hash: block.hash.description, timestamp: block.timestamp))
        }
        guard entries.allSatisfy({ $0.blockNumber != to || $0.blockHash == end.hash }) else {
            return Step(head: head, cursor: cursor, behind: true)
        }
        let logs = try entries.filter { !$0.removed }.map(RegistryABI.decode)
        let sync = try store.applyChain(logs: logs, checked: checked,
                                        through: ChainBlock(number: to, hash: end.hash.description, timestamp: end.timestamp))
        return Step(head: head, cursor: try store.chainCursor(), sync: sync, behind: to < target)
    }

    /// The newest stored block below `number` that the node still has (the fork point), or
    /// the block before `fromBlock` when none is.
    private func forkPoint(below number: UInt64) async throws -> UInt64 {
        var below = number
        while below > 0 {
            let blocks = try store.checkedBlocks(atOrBelow: below - 1, limit: 64)
            guard !blocks.isEmpty else { break }
            for block in blocks where try await client.block(.number(block.number))?.hash.description == block.hash {
                return block.number
            }
            below = blocks.last!.number
        }
        return fromBlock == 0 ? 0 : fromBlock - 1
    }
}
