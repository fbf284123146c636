import Dispatch
import Foundation

/// How many threads the heavy kernels (NTT, MSM, prover) use, and a way to spread work over
/// them. One process-wide setting, so a benchmark's `--threads 1` reaches every kernel.
public enum Parallelism {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var configured: Int = 0

    /// The number of worker threads (default: the active processor count). Setting 0 restores
    /// the default.
    public static var threadCount: Int {
        get {
            lock.lock()
            defer { lock.unlock() }
            return configured > 0 ? configured : ProcessInfo.processInfo.activeProcessorCount
        }
        set {
            lock.lock()
            configured = max(0, newValue)
            lock.unlock()
        }
    }

    /// Runs `body(worker)` for worker in 0..<workers concurrently and waits. With one worker the
    /// body runs on the calling thread. The caller guarantees that workers touch disjoint data.
    public static func run(workers: Int, _ body: (Int) -> Void) {
        if workers <= 1 {
            if workers == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            let box = UncheckedSendable(escaping)
            DispatchQueue.concurrentPerform(iterations: workers) { box.value($0) }
        }
    }

    /// Splits 0..<count into contiguous ranges, at most one per thread and none smaller than
    /// `minimumChunk` (except the last), and runs `body` on each range in parallel.
    public static func forEachChunk(count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let threads = max(1, min(threadCount, (count + minimumChunk - 1) / max(1, minimumChunk)))
        let chunk = (count + threads - 1) / threads
        run(workers: threads) { t in
            let start = t * chunk
            let end = min(count, start + chunk)
            if start < end { body(start..<end) }
        }
    }
}

/// Carries a value across a concurrency boundary the compiler cannot see through; the user
/// guarantees there is no data race.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A pointer that may cross threads: the caller guarantees the threads touch disjoint elements.
public struct SendablePointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
    @inlinable public subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}
