import Chain
import Foundation

/// The test oracles' process runner (Python scripts, solc): `Chain.ChildProcess`, the one the
/// agent uses for solc.
public typealias Subprocess = ChildProcess
