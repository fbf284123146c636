import Foundation
import Logging
import ServiceLifecycle
import Traces

/// The agent on the chain, once per `interval`: follow the registry to the confirmed head,
/// settle the accounts the policy finds due, and (with a provider key) send and track the
/// `settle` transactions. A node that is down fails the round, which is logged once and
/// retried; the HTTP API keeps serving reads and accepting traces within what the store
/// already knows.
struct ChainService: Service {
    let follower: ChainFollower
    let policy: SettlementPolicy
    let submitter: SettlementSubmitter?
    let store: SettlementStore
    let status: ChainStatus
    let jobSignal: JobSignal
    let tracesPerTransition: Int
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await round()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One round; each part's failure is logged and the next part still runs.
    func round() async {
        var head: UInt64?
        do {
            var step = try await follower.step()
            report(step)
            while step.behind && !Task.isCancelled {
                step = try await follower.step()
                report(step)
            }
            head = step.head
            status.stepped(head: step.head, cursor: step.cursor)
        } catch {
            if status.failed("\(error)") { logger.error("chain follower: \(error)") }
        }
        do {
            let due = policy.due(try store.pendingAccounts(), now: Date().timeIntervalSince1970,
                                 chainTime: status.snapshot.cursor?.timestamp ?? 0)
            if !due.isEmpty {
                let plan = try store.createSettlement(tracesPerTransition: tracesPerTransition, users: due.map(\.user))
                if let settlement = plan.settlement {
                    jobSignal.notify()
                    let reasons = Dictionary(grouping: due, by: \.reason).map { "\($0.value.count) by \($0.key.rawValue)" }
                    logger.info("policy: settlement \(settlement.id) of \(settlement.transitions.count) transitions (\(reasons.sorted().joined(separator: ", ")))")
                }
            }
        } catch {
            logger.error("settlement policy: \(error)")
        }
        guard let submitter, let head else { return }
        do { try await submitter.tick(head: head) } catch {
            if status.failed("\(error)") { logger.error("submitter: \(error)") }
        }
    }

    private func report(_ step: ChainFollower.Step) {
        if let fork = step.rolledBackTo {
            logger.notice("chain reorg: rolled back to block \(fork); \(step.sync?.reverted.count ?? 0) settlement(s) back to submitted")
        }
        guard let sync = step.sync else { return }
        for id in sync.confirmed { logger.info("settlement \(id) confirmed on chain") }
        for id in sync.abandoned { logger.notice("settlement \(id) abandoned: every transition was skipped on chain") }
        for skip in sync.skipped { logger.notice("transition \(skip.transitionID) skipped on chain (reason \(skip.reason)); its traces are pending again") }
    }
}
