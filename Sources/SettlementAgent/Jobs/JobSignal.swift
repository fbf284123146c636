/// Wakes the proving worker when jobs are queued; several signals before the worker looks
/// collapse into one.
final class JobSignal: Sendable {
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func notify() { continuation.yield() }

    func finish() { continuation.finish() }
}
