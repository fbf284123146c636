import Dispatch
import GRDB
import Synchronization

/// WAL checkpoints off the commit path. SQLite's automatic checkpoint runs inside the commit
/// that crosses its threshold (1,000 pages by default), so one writer in seven paid for copying
/// the whole log into the database; under ingestion load that was the largest single cost of
/// a commit. Here the store's connections never checkpoint (`wal_autocheckpoint = 0`), and
/// this checkpointer, on a connection and a thread of its own, copies the log `delay` seconds
/// after a commit, concurrently with the writer (SQLite's PASSIVE mode blocks nobody).
///
/// A passive checkpoint cannot rewind a log that commits keep appending to, so when the log
/// has grown past `restartFrames` it then runs a RESTART checkpoint, which holds off the
/// writer while it copies the last frames and waits for readers, and makes the next commit
/// start the log from the beginning: the log stays bounded under sustained load.
final class WALCheckpointer: Sendable {
    /// Seconds from a commit to the checkpoint that copies it.
    let delay: Double
    /// Log size, in frames (pages), above which a checkpoint also rewinds the log.
    let restartFrames: Int
    private let connection: DatabaseQueue
    private let queue = DispatchQueue(label: "settlement-store.checkpoint", qos: .utility)
    private let scheduled = Mutex(false)
    /// At most this many frames are left for the restart to copy, after at most
    /// `catchUpRounds` passive rounds.
    static let restartBacklog = 256
    static let catchUpRounds = 8

    init(path: String, delay: Double = 0.5, restartFrames: Int = 16_384) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        // The database file is synced before the log may be rewound over the frames copied.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        connection = try DatabaseQueue(path: path, configuration: config)
        self.delay = delay
        self.restartFrames = restartFrames
    }

    /// Notes a commit: the checkpoint copying it runs within `delay` seconds.
    func committed() {
        let schedule = scheduled.withLock { pending in
            defer { pending = true }
            return !pending
        }
        guard schedule else { return }
        queue.asyncAfter(deadline: .now() + delay) { [weak self] in self?.checkpoint() }
    }

    /// Copies the log into the database now; returns the frames in the log and those copied.
    @discardableResult
    func checkpoint() -> (walFrameCount: Int, checkpointedFrameCount: Int)? {
        scheduled.withLock { $0 = false }
        // A failed checkpoint (busy, I/O) loses nothing: the frames stay in the log, and the
        // next commit schedules another attempt.
        return try? connection.writeWithoutTransaction { db in
            var result = try db.checkpoint(.passive)
            guard result.walFrameCount >= restartFrames else { return result }
            // A restart holds off the writer while it copies what is left, so first catch up
            // with the commits made during the copy: copying is faster than committing, and a
            // few passive rounds leave the restart next to nothing.
            for _ in 0..<Self.catchUpRounds where result.walFrameCount - result.checkpointedFrameCount > Self.restartBacklog {
                result = try db.checkpoint(.passive)
            }
            return try db.checkpoint(.restart)
        }
    }
}
