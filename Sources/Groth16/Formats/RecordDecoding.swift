import Foundation

extension ByteReader {
    /// Decodes `count` fixed-size records (points, coefficients) from `region` in parallel over
    /// `Parallelism.threadCount` threads. `decode` gets a pointer to a record and its index and
    /// throws `CurveError`, `FieldError` or `FormatError`; the error reported is the one at the
    /// lowest index, wrapped into a `FormatError` naming `what`, the section and the index
    /// (counted from `firstIndex`). The result is allocated once; nothing is allocated per record.
    func decodeRecords<T>(
        _ region: UnsafeRawBufferPointer, count: Int, stride: Int, placeholder: T, minimumChunk: Int,
        what: String, firstIndex: Int = 0, _ decode: (UnsafeRawPointer, Int) throws -> T
    ) throws -> [T] {
        precondition(region.count == count * stride, "region does not hold \(count) records of \(stride) bytes")
        guard count > 0 else { return [] }
        var result = [T](repeating: placeholder, count: count)
        let failure = FirstFailure()
        let base = region.baseAddress!
        result.withUnsafeMutableBufferPointer { out in
            let out = SendablePointer(out.baseAddress!)
            Parallelism.forEachChunk(count: count, minimumChunk: minimumChunk) { range in
                for i in range {
                    do {
                        out[i] = try decode(base + i * stride, i)
                    } catch {
                        failure.record(index: i, error)
                        return
                    }
                }
            }
        }
        if let (index, error) = failure.first { throw wrap(error, what: what, index: firstIndex + index) }
        return result
    }

    /// The `FormatError` for an element decoding failure.
    func wrap(_ error: Error, what: String, index: Int) -> FormatError {
        switch error {
        case let e as FormatError: return e
        case let e as CurveError: return self.error(.invalidPoint(what: what, index: index, e))
        case let e as FieldError: return self.error(.invalidScalar(what: what, index: index, e))
        default: return self.error(.invalidValue(what: "\(what) \(index)", reason: "\(error)"))
        }
    }
}

/// The failure with the lowest index among parallel workers.
private final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (Int, Error)?

    func record(index: Int, _ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if stored == nil || index < stored!.0 { stored = (index, error) }
    }

    var first: (Int, Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
