/// Progress of a long ceremony step, reported to a caller-supplied handler (the Groth16 module
/// never prints). `completed` runs from 0 to `total` within one `stage`; a stage may report
/// many times, and a handler should be cheap.
public struct CeremonyProgressEvent: Sendable, Equatable {
    /// What is being computed, e.g. "tauG1" or "Lagrange basis (tauG2, level 12)".
    public var stage: String
    public var completed: Int
    public var total: Int

    public init(stage: String, completed: Int, total: Int) {
        self.stage = stage
        self.completed = completed
        self.total = total
    }
}

/// Receives progress events; may be called from worker threads.
public typealias CeremonyProgress = @Sendable (CeremonyProgressEvent) -> Void

/// Reports a stage in `total` units of work, one call per finished chunk.
struct ProgressStage {
    let stage: String
    let total: Int
    let handler: CeremonyProgress?

    init(_ stage: String, total: Int, _ handler: CeremonyProgress?) {
        self.stage = stage
        self.total = total
        self.handler = handler
        handler?(CeremonyProgressEvent(stage: stage, completed: 0, total: total))
    }

    func report(_ completed: Int) {
        handler?(CeremonyProgressEvent(stage: stage, completed: completed, total: total))
    }
}
