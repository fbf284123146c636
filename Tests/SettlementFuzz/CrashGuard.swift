import Foundation
import Synchronization

/// The worker's last line of defence: before each input runs it is copied into a buffer
/// allocated up front. A fatal signal (a trap, a bad access, a stack overflow, an allocation
/// refused by the memory cap) or an input running past the time limit makes the process
/// write that buffer to the crash file and exit with a status that says which; the
/// supervising process reports it.
enum CrashGuard {
    /// Exit status of a worker stopped by the per-input time limit.
    static let hangStatus: Int32 = 124
    /// Exit statuses 128 + signal number report a fatal signal.
    static let signalBase: Int32 = 128

    nonisolated(unsafe) private static var buffer: UnsafeMutablePointer<UInt8> = .allocate(capacity: 1)
    nonisolated(unsafe) private static var capacity = 0
    nonisolated(unsafe) private static var crashFile: Int32 = -1
    private static let length = Atomic<Int>(0)
    /// Uptime in nanoseconds when the current input started; 0 between inputs.
    private static let startedAt = Atomic<UInt64>(0)

    /// Opens the crash file, installs the signal handlers on an alternate stack, caps the
    /// data segment at `memoryCapBytes` above the current use, and starts the watchdog.
    static func install(crashFilePath: String, maxInputBytes: Int, memoryCapBytes: Int, inputTimeout: Double) {
        capacity = maxInputBytes
        buffer = .allocate(capacity: max(1, maxInputBytes))
        crashFile = open(crashFilePath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(crashFile >= 0, "cannot open \(crashFilePath)")

        let stackSize = 1 << 20
        var stack = stack_t(ss_sp: UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 16), ss_flags: 0,
                            ss_size: stackSize)
        sigaltstack(&stack, nil)
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                CrashGuard.dumpInput()
                _exit(CrashGuard.signalBase + sig)
            }
            action.sa_flags = Int32(SA_ONSTACK) | Int32(truncatingIfNeeded: SA_RESETHAND)
            sigaction(sig, &action, nil)
        }

        var limit = rlimit()
        getrlimit(Int32(RLIMIT_DATA.rawValue), &limit)
        limit.rlim_cur = rlim_t(currentDataBytes() + memoryCapBytes)
        setrlimit(Int32(RLIMIT_DATA.rawValue), &limit)

        let timeoutNanoseconds = UInt64(inputTimeout * 1e9)
        Thread.detachNewThread {
            while true {
                usleep(50_000)
                let started = startedAt.load(ordering: .acquiring)
                if started != 0 && DispatchTime.now().uptimeNanoseconds - started > timeoutNanoseconds {
                    dumpInput()
                    _exit(hangStatus)
                }
            }
        }
    }

    /// Records the input about to run.
    static func willRun(_ input: [UInt8]) {
        startedAt.store(0, ordering: .releasing)
        let n = min(input.count, capacity)
        input.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: n) }
        length.store(n, ordering: .releasing)
        startedAt.store(DispatchTime.now().uptimeNanoseconds, ordering: .releasing)
    }

    /// Marks the end of the input that ran (the time limit stops counting).
    static func didRun() {
        startedAt.store(0, ordering: .releasing)
    }

    /// Writes the current input to the crash file (async-signal-safe: write(2) only).
    private static func dumpInput() {
        var offset = 0
        let n = length.load(ordering: .acquiring)
        while offset < n {
            let written = write(crashFile, buffer + offset, n - offset)
            if written <= 0 { break }
            offset += written
        }
    }

    /// Bytes of the process's data segment (heap and private mappings), from /proc/self/statm.
    private static func currentDataBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 5, let pages = Int(fields[5]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
