import Foundation

/// Named points where the agent can be made to die as a crash would (`_exit`: no cleanup, no
/// flush), for the tests that prove a restart loses and duplicates nothing:
/// `SETTLEMENT_FAILPOINTS=name[,name...]`. Nothing happens unless the variable names the
/// point. Points: `submitter.after-signing` (a settle transaction is stored signed, not yet
/// sent).
enum FailPoints {
    static let active: Set<String> = Set(
        (ProcessInfo.processInfo.environment["SETTLEMENT_FAILPOINTS"] ?? "").split(separator: ",").map(String.init))

    /// Exits at once with status 86 when `name` is active.
    static func crash(at name: String) {
        if active.contains(name) { _exit(86) }
    }
}
