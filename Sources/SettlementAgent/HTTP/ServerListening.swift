import Synchronization

/// Whether the HTTP server has bound its port yet, for the work that waits for it (loading
/// the proving key, the database checks) and for `serve` to tell a bind failure from a
/// later one. So a port in use is reported at once, not after minutes of start-up work.
final class ServerListening: Sendable {
    private struct State {
        var listening = false
        var waiters: [AsyncStream<Void>.Continuation] = []
    }

    private let state = Mutex(State())

    init() {}

    /// The server calls this once its port is bound; every waiter resumes.
    func markListening() {
        let waiters = state.withLock { s -> [AsyncStream<Void>.Continuation] in
            s.listening = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters {
            w.yield()
            w.finish()
        }
    }

    var isListening: Bool { state.withLock { $0.listening } }

    /// Returns true once the server listens (at once if it already does), or false when the
    /// waiting task is cancelled first.
    func wait() async -> Bool {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let already = state.withLock { s -> Bool in
            if !s.listening { s.waiters.append(continuation) }
            return s.listening
        }
        if already { return !Task.isCancelled }
        for await _ in stream { return !Task.isCancelled }
        return false
    }
}
