import Foundation
import Groth16

/// Progress bars with an ETA on standard error, for steps that take more than a second. A
/// stage's bar appears once it has run for a second, is redrawn at most ten times a second,
/// and ends with the stage's total time. `--quiet` gives a reporter that prints nothing.
final class ProgressReporter: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var stage = ""
    private var started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(quiet: Bool) { enabled = !quiet }

    /// The handler to pass to the ceremony functions.
    var handler: CeremonyProgress? {
        guard enabled else { return nil }
        return { [self] event in self.update(event) }
    }

    /// Finishes the current bar (if one was drawn).
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        endStage()
    }

    /// Prints a line on standard error (nothing when quiet).
    func note(_ line: String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        endStage()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Runs `body`, printing "what ... done in Ts" around it when it takes over a second.
    func step<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let result = try body()
        finish()
        let elapsed = Date().timeIntervalSince(start)
        if elapsed >= 1 { note(String(format: "%@: %.1f s", what, elapsed)) }
        return result
    }

    private func update(_ event: CeremonyProgressEvent) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if event.stage != stage {
            endStage()
            stage = event.stage
            started = now
        }
        let elapsed = now.timeIntervalSince(started)
        let complete = event.total > 0 && event.completed >= event.total
        guard elapsed >= 1, complete || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        drawn = true
        let fraction = event.total > 0 ? min(1, Double(event.completed) / Double(event.total)) : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let text = String(format: "\r%@ [%@] %3d%% %@ elapsed, ETA %@   ", stage, bar, Int(fraction * 100),
                          Self.duration(elapsed), Self.duration(eta))
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func endStage() {
        if drawn {
            FileHandle.standardError.write(Data(String(format: "\r%@: done in %@%@\n", stage,
                                                       Self.duration(Date().timeIntervalSince(started)),
                                                       String(repeating: " ", count: 40))
                .utf8))
        }
        drawn = false
        stage = ""
    }

    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? String(format: "%dm%02ds", s / 60, s % 60) : String(format: "%.1fs", seconds)
    }
}
