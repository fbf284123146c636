import Foundation

/// What the live chain tests need: SETTLEMENT_PYTHON with eth-tester, py-evm and eth-account
/// (`make python`), and solc (env SOLC, default ../shared/tools/solc/solc). Missing pieces
/// skip those suites with a printed reason locally; with CI=true the suites run anyway and
/// fail, so CI never skips them silently.
public enum ChainEnvironment {
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The repository root (this file is Tests/TestSupport/ChainEnvironment.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    public static let solc: String = ProcessInfo.processInfo.environment["SOLC"]
        ?? root.deletingLastPathComponent().appendingPathComponent("shared/tools/solc/solc").path

    /// Why the Python packages are missing, or nil when they are there.
    public static let missingPython: String? = {
        guard PythonOracle.python != nil else { return "SETTLEMENT_PYTHON is not set (make test sets it)" }
        do {
            _ = try PythonOracle.run(code: "import eth_tester, eth, eth_account")
            return nil
        } catch {
            return "SETTLEMENT_PYTHON lacks eth-tester[py-evm] or eth-account (run make python): \(error)"
        }
    }()

    /// Why solc is missing, or nil.
    public static let missingSolc: String? = FileManager.default.isExecutableFile(atPath: solc) ? nil : "no solc at \(solc) (set SOLC)"

    /// Whether the suites that need Python run: when it is there, and always under CI.
    public static let runPython = missingPython == nil || isCI
    /// Whether the suites that need the node and solc run: when both are there, and always under CI.
    public static let runLive = (missingPython == nil && missingSolc == nil) || isCI
}
