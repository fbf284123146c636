import Foundation
import Logging
import Traces

/// Takes one queued transition, proves it and records the verified proof or the failure:
/// the unit of work of the proving service and of `demo`. Synchronous and CPU-bound; callers
/// keep it off the event loops.
struct ProvingJobRunner: Sendable {
    let store: SettlementStore
    let prover: SettlementProver
    let metrics: AgentMetrics?
    let logger: Logger

    /// What happened to the job that was run.
    enum Outcome: Equatable {
        case proved(transitionID: Int64, seconds: Double)
        case failed(transitionID: Int64, reason: String)
    }

    /// Runs the oldest queued job; nil when the queue is empty.
    func runNext() throws -> Outcome? {
        guard let job = try store.claimNextJob() else { return nil }
        let id = job.transition.id
        logger.info("proving transition \(id) (settlement \(job.transition.settlementID), \(job.traces.count) traces, attempt \(job.transition.attempts))")
        do {
            let result = try prover.prove(job)
            try store.completeJob(transitionID: id, proof: result.proof, timings: result.timings)
            if let metrics { for (stage, seconds) in result.timings { metrics.provingStage(stage, seconds: seconds) } }
            let seconds = result.timings["total"] ?? 0
            logger.info("transition \(id) proved in \(String(format: "%.3f", seconds)) s")
            return .proved(transitionID: id, seconds: seconds)
        } catch {
            let failure = error as? SettlementProver.Failure
            let reason = failure?.description ?? "\(error)"
            logger.error("transition \(id): \(reason)")
            try store.failJob(transitionID: id, error: reason, retryable: failure?.retryable ?? true)
            return .failed(transitionID: id, reason: reason)
        }
    }
}
