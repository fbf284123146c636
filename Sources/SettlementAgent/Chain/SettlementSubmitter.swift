import Chain
import Groth16
import Logging
import Traces

/// Sends proved settlements to the registry with the provider's key and follows them to the
/// confirmation depth (doc/CHAIN.md, "Submitting"). Every transaction is stored signed before
/// it is sent, so a restart sends the same bytes again and never signs a second transaction
/// for the same settlement at a new nonce while one may still be mined. A transaction not
/// mined after `bumpAfterBlocks` is replaced at the same nonce with fees raised by a quarter;
/// a mined revert abandons its settlement (its traces settle again later); a transaction the
/// node dropped is sent again; one whose nonce another transaction took is replaced, and
/// its settlement is sent anew if it still waits.
struct SettlementSubmitter: Sendable {
    let client: EthereumRPCClient
    let store: SettlementStore
    let key: ProviderKey
    let registry: EthereumAddress
    let chainId: UInt64
    let confirmations: UInt64
    /// Most gas one `settle` may use (the estimate plus a fifth, capped here).
    let gasCap: UInt64
    let bumpAfterBlocks: UInt64
    /// Highest max fee per gas the agent pays (nil: no cap).
    let maxFeePerGas: UInt128?
    let logger: Logger

    /// One round: receipts and re-sends of open transactions, then new ones for settlements
    /// that wait for one.
    func tick(head: UInt64) async throws {
        let all = try store.transactions()
        for tx in all where tx.isOpen {
            try await follow(tx, head: head, newestOfNonce: !all.contains { $0.nonce == tx.nonce && $0.sentBlock > tx.sentBlock })
        }
        // Submitted settlements whose every transaction lost its nonce wait for a new one.
        let bySettlement = Dictionary(grouping: try store.transactions(), by: \.settlementID)
        let orphaned = bySettlement.filter { $0.value.allSatisfy { $0.status == .replaced } }.keys
        var waiting = try store.settlementsToSubmit()
        waiting += try orphaned.filter { try store.settlement(id: $0)?.status == .submitted }
        for id in Set(waiting).sorted() {
            guard let settlement = try store.settlement(id: id) else { continue }
            try await submit(settlement, head: head)
        }
    }

    private func follow(_ tx: SettleTransaction, head: UInt64, newestOfNonce: Bool) async throws {
        let hash = try Bytes32(hex: tx.hash)
        if let receipt = try await client.transactionReceipt(hash) {
            guard receipt.blockNumber + confirmations <= head else { return }
            try store.updateTransaction(hash: tx.hash, status: receipt.succeeded ? .mined : .reverted,
                                        minedBlock: receipt.blockNumber, gasUsed: receipt.gasUsed)
            logger.info("settle \(tx.hash) of settlement \(tx.settlementID) mined in block \(receipt.blockNumber): \(receipt.succeeded ? "status 1" : "reverted"), \(receipt.gasUsed) gas")
            if !receipt.succeeded, try store.settlement(id: tx.settlementID)?.status == .submitted {
                try store.abandon(settlementID: tx.settlementID, reason: "settle reverted in \(tx.hash) (block \(receipt.blockNumber))")
            }
            return
        }
        // An older transaction of a nonce is only watched: a node keeps the newest, and
        // refuses the older one again as an underpriced replacement.
        guard newestOfNonce else { return }
        let raw = try Hex.bytes(tx.raw, field: "chain_tx.raw")
        switch try await Self.refusal({ _ = try await client.sendRawTransaction(rawBytes: raw) }) {
        case nil:
            if tx.status == .signed { try store.updateTransaction(hash: tx.hash, status: .sent) }
        case let refusal? where refusal.isNonceTooLow:
            try store.updateTransaction(hash: tx.hash, status: .replaced)
            logger.notice("settle \(tx.hash): nonce \(tx.nonce) was taken by another transaction")
            return
        case let refusal?:
            logger.warning("settle \(tx.hash) not accepted by the node again: \(refusal.message)")
        }
        if head >= tx.sentBlock + bumpAfterBlocks, let settlement = try store.settlement(id: tx.settlementID),
           settlement.status == .submitted {
            try await send(settlement, nonce: tx.nonce, head: head, replacing: tx)
        }
    }

    /// A first (or, after its nonce was taken, a new) transaction for a settlement.
    private func submit(_ settlement: SettlementRecord, head: UInt64) async throws {
        let pending = try await client.transactionCount(of: key.address, block: .pending)
        let used = try store.transactions().filter { $0.status != .replaced }.map { $0.nonce + 1 }.max() ?? 0
        try await send(settlement, nonce: max(pending, used), head: head, replacing: nil)
    }

    private func send(_ settlement: SettlementRecord, nonce: UInt64, head: UInt64, replacing old: SettleTransaction?) async throws {
        let (data, count) = try SettlementCalldata.settle(settlement)
        guard count > 0 else { return }
        let call = CallRequest(from: key.address, to: registry, data: data)
        var estimate: UInt64 = 0
        if let refusal = try await Self.refusal({ estimate = try await client.estimateGas(call) }) {
            guard refusal.isExecutionReverted else { throw ChainError.rpc(method: "eth_estimateGas", refusal) }
            try store.abandon(settlementID: settlement.id, reason: "settle would revert: \(refusal.message)")
            logger.error("settlement \(settlement.id) abandoned: settle would revert (\(refusal.message))")
            return
        }
        let gasLimit = estimate + estimate / 5
        guard gasLimit <= gasCap else {
            try store.abandon(settlementID: settlement.id, reason: "settle needs \(gasLimit) gas, above the cap \(gasCap)")
            logger.error("settlement \(settlement.id) abandoned: \(gasLimit) gas is above --gas-cap \(gasCap)")
            return
        }
        let fees = try await client.feeData()
        var tip = fees.maxPriorityFeePerGas
        var maxFee = fees.maxFeePerGas(doublings: 1)
        if let old {
            tip = max(tip, old.maxPriorityFeePerGas + old.maxPriorityFeePerGas / 4 + 1)
            maxFee = max(maxFee, old.maxFeePerGas + old.maxFeePerGas / 4 + 1, fees.baseFeePerGas * 2 + tip)
        }
        if let cap = maxFeePerGas {
            guard old == nil || old!.maxFeePerGas < cap else { return }
            maxFee = min(maxFee, cap)
            tip = min(tip, maxFee)
        }
        let signed = try EIP1559Transaction(chainId: chainId, nonce: nonce, maxPriorityFeePerGas: tip, maxFeePerGas: maxFee,
                                            gasLimit: gasLimit, to: registry, data: data).signed(with: key)
        let record = SettleTransaction(hash: signed.hash.description, settlementID: settlement.id, nonce: nonce,
                                       raw: Hex.data(signed.rawBytes), maxFeePerGas: maxFee, maxPriorityFeePerGas: tip,
                                       gasLimit: gasLimit, sentBlock: head)
        try store.recordSigned(record)
        FailPoints.crash(at: "submitter.after-signing")
        logger.info("settlement \(settlement.id): settle \(record.hash) (\(count) transitions, nonce \(nonce), gas limit \(gasLimit), max fee \(maxFee)\(old.map { ", replacing \($0.hash)" } ?? ""))")
        switch try await Self.refusal({ _ = try await client.sendRawTransaction(signed) }) {
        case nil:
            try store.updateTransaction(hash: record.hash, status: .sent)
        case let refusal? where refusal.isNonceTooLow:
            try store.updateTransaction(hash: record.hash, status: .replaced)
        case let refusal?:
            // Stored: the next round sends it again (a node refusing an underpriced
            // replacement keeps the older transaction, which may still be mined).
            logger.warning("settle \(record.hash) not accepted by the node: \(refusal.message)")
        }
    }

    /// Runs `call`: nil when it succeeds, the node's JSON-RPC error when it answers with one;
    /// any other failure (the node unreachable, a timeout) is thrown and ends the round.
    private static func refusal(_ call: () async throws -> Void) async throws -> JSONRPCError? {
        do {
            try await call()
            return nil
        } catch let error as ChainError {
            guard case let .rpc(_, refusal) = error else { throw error }
            return refusal
        }
    }
}
