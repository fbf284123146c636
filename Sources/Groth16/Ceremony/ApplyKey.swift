import Foundation

/// Multiplies point i of `points` by first·inc^i, in parallel (snarkjs `batchApplyKey`): a
/// contribution's update of the powers (first = 1 or α or β, inc = τ) and phase 2's division
/// of C and H by δ (inc = 1), through the endomorphism split. Variable time in the scalars;
/// the scalars derived from secrets live only in the workers' registers, stack slots and the
/// short-lived split temporaries.
func applyKey<C: EndomorphismCurve>(_ points: [AffinePoint<C>], first: Fr, inc: Fr,
                                stage: String, progress: CeremonyProgress?) -> [AffinePoint<C>] {
    let count = points.count
    guard count > 0 else { return [] }
    let report = ProgressStage(stage, total: count, progress)
    let counter = ProgressCounter()
    var result = [AffinePoint<C>](repeating: .infinity, count: count)
    let fixedScalar = inc.isOne
    // A fixed scalar (δ^-1) is split and recoded once.
    let fixed = fixedScalar ? SplitScalar(first, for: C.self) : nil
    result.withUnsafeMutableBufferPointer { out in
        let out = SendablePointer(out.baseAddress!)
        points.withUnsafeBufferPointer { input in
            // Small chunks keep progress fine-grained and let both cores finish together.
            let chunk = 1024
            let chunks = (count + chunk - 1) / chunk
            let next = ProgressCounter()
            Parallelism.run(workers: min(Parallelism.threadCount, chunks)) { _ in
                var jacobians = [JacobianPoint<C>](repeating: .infinity, count: chunk)
                while true {
                    let c = next.take()
                    guard c < chunks else { return }
                    let start = c * chunk, end = min(count, start + chunk)
                    var scalar = fixedScalar ? first : first * inc.powVartime([UInt64(start)])
                    for i in start..<end {
                        let p = input[i].jacobian
                        jacobians[i - start] = fixed.map { p.multiplied(by: $0) } ?? p.multipliedSplit(by: scalar)
                        if !fixedScalar { scalar = scalar * inc }
                    }
                    secureZero(value: &scalar)
                    let affine = JacobianPoint<C>.batchNormalize(Array(jacobians[0..<(end - start)]))
                    for i in start..<end { out[i] = affine[i - start] }
                    report.report(counter.add(end - start))
                }
            }
        }
    }
    return result
}

/// A counter shared by worker threads (work distribution and progress).
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Returns the current value and increments it.
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }

    /// Adds `n` and returns the new total.
    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += n
        return value
    }
}
