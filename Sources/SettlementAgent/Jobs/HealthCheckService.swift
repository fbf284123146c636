import ServiceLifecycle

/// Keeps `DatabaseHealth` current: `PRAGMA integrity_check` once the server listens and then
/// every `integrityInterval`, a write probe likewise every `writeProbeInterval`, each on its
/// own thread (a full integrity check of a large database takes seconds).
struct HealthCheckService: Service {
    let server: ServerListening
    let health: DatabaseHealth
    let integrityInterval: Duration
    let writeProbeInterval: Duration

    func run() async throws {
        let health = self.health
        guard await server.wait() else { return }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await Self.repeating(every: integrityInterval) { health.checkIntegrity() } }
                group.addTask { await Self.repeating(every: writeProbeInterval) { health.probeWrite() } }
            }
        }
    }

    /// Runs `check` now and then once per `interval` until the task is cancelled.
    private static func repeating(every interval: Duration, _ check: @escaping @Sendable () -> Void) async {
        while !Task.isCancelled {
            _ = try? await ProvingService.offEventLoop(check)
            try? await Task.sleep(for: interval)
        }
    }
}
