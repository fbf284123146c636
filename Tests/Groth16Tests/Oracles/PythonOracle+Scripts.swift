import Foundation
import TestSupport

extension PythonOracle {
    /// Runs an oracle script of this folder (py_ecc_oracle.py, revm_precompile_oracle.py, ...).
    static func ask<Request: Encodable, Response: Decodable>(_ script: String, _ request: Request) throws -> Response {
        try ask(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(script), request)
    }
}
