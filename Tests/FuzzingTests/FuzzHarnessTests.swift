import Foundation
import Fuzzing
import Testing

/// The quick variant of `make fuzz`: every target for a few seconds over the committed seed
/// corpus, in process (a crash fails the test run). The full runs, with worker processes, a
/// memory cap and a per-input time limit, are `make fuzz` (doc/RELIABILITY.md).
@Suite("Fuzz harness")
struct FuzzHarnessTests {
    /// tests/fuzz/corpus in this checkout.
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("tests/fuzz/corpus")

    @Test("Every committed seed is a valid input of its target", arguments: FuzzTargets.all.map(\.name))
    func seedsAreValid(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let seeds = try SeedCorpus.load(target: name, from: Self.corpus)
        #expect(!seeds.isEmpty)
        for seed in seeds {
            #expect(seed.count <= target.maxInputBytes)
            #expect(try target.run(seed) == "ok")
        }
    }

    @Test("A few seconds of fuzzing find no crash and no broken contract", arguments: FuzzTargets.all.map(\.name))
    func quickRun(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let seeds = try SeedCorpus.load(target: name, from: Self.corpus)
        let report = FuzzEngine(target: target, seed: 42).run(seeds: seeds, seconds: 2)
        #expect(report.findings.map { "\($0.finding)" } == [])
        #expect(report.executions > seeds.count)
        // Mutants are rejected in several distinct ways, not just accepted or refused by the parser.
        #expect(report.outcomes.count >= 3)
    }

    @Test("Fresh seeds from our writers are valid inputs")
    func freshSeeds() throws {
        for (name, files) in try SeedCorpus.make() {
            let target = try #require(FuzzTargets.named(name))
            for file in files { #expect(try target.run(file.bytes) == "ok", "\(name)/\(file.name)") }
        }
    }

    @Test("The engine reports a broken contract with the input that broke it")
    func engineFindsPlantedBug() {
        let planted = FuzzTarget(name: "planted", shape: .container, maxInputBytes: 64) { input in
            if input.first == 0xff {
                throw FuzzFinding(target: "planted", kind: .roundTrip, detail: "first byte 0xff")
            }
            return input.count.isMultiple(of: 2) ? "even" : "odd"
        }
        let report = FuzzEngine(target: planted, seed: 7).run(seeds: [[0, 1, 2, 3, 4, 5, 6, 7]], seconds: 5, maxExecutions: 100_000)
        #expect(report.findings.first?.input.first == 0xff)
        #expect(report.findings.first?.finding.kind == .roundTrip)
    }

    @Test("An undocumented error type is a finding")
    func undocumentedErrorIsFinding() {
        struct Surprise: Error {}
        let target = FuzzTarget(name: "surprise", shape: .json, maxInputBytes: 8) { _ in throw Surprise() }
        #expect(throws: FuzzFinding.self) { try target.run([1]) }
    }

    @Test("Mutations repeat for a seed")
    func mutationsAreSeeded() {
        var a = Mutator(seed: 3), b = Mutator(seed: 3), c = Mutator(seed: 4)
        let input = [UInt8](repeating: 0x41, count: 100)
        let first = (0..<50).map { _ in a.mutate(input, other: input, shape: .container, maxBytes: 128) }
        #expect(first == (0..<50).map { _ in b.mutate(input, other: input, shape: .container, maxBytes: 128) })
        #expect(first != (0..<50).map { _ in c.mutate(input, other: input, shape: .container, maxBytes: 128) })
        #expect(first.allSatisfy { $0.count <= 128 })
    }
}
