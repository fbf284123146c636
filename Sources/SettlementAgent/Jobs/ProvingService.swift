import Foundation
import Logging
import ServiceLifecycle
import Traces

/// Runs proving jobs off the event loops: `workers` loops each run the oldest queued
/// transition (`ProvingJobRunner`) on a dedicated thread. Jobs live in SQLite, so a restart
/// resumes them (`requeueInterruptedJobs` at start). On shutdown a proof in progress is
/// finished before the service returns.
struct ProvingService: Service {
    let runner: ProvingJobRunner
    let signal: JobSignal
    let workers: Int
    /// The longest a worker sleeps without a notification before it looks at the queue again.
    var pollInterval: Duration = .seconds(2)

    func run() async throws {
        try await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<max(1, workers) {
                    group.addTask { await work(worker) }
                }
            }
        } onGracefulShutdown: {
            signal.notify()
        }
    }

    private func work(_ worker: Int) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let runner = self.runner
                if try await Self.offEventLoop({ try runner.runNext() }) == nil {
                    await signal.wait(upTo: pollInterval)
                }
            } catch {
                runner.logger.error("proving worker \(worker): \(error)")
                await signal.wait(upTo: pollInterval)
            }
        }
    }

    /// Runs CPU-bound work on its own thread, so neither the event loops nor the cooperative
    /// pool are blocked for seconds.
    static func offEventLoop<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
