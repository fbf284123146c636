import ServiceLifecycle

/// `ProvingService`, started only once the HTTP server is listening: it then loads the
/// proving key (seconds to minutes for a large circuit) on its own thread and runs the
/// workers. A port already in use is so reported at once, before any time goes into the
/// key; requests are served meanwhile, and settlements queued before the key is ready are
/// proved when it is.
struct DeferredProvingService: Service {
    let server: ServerListening
    /// Loads the key and builds the service.
    let load: @Sendable () throws -> ProvingService

    func run() async throws {
        guard await server.wait() else { return }
        let proving = try await ProvingService.offEventLoop(load)
        try await proving.run()
    }
}
