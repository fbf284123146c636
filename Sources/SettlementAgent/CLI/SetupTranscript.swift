import Foundation
import Groth16

/// transcript.json of `settlement-agent setup`: every contribution hash of both phases and the
/// beacon, so anyone can re-run `ceremony ptau verify` / `ceremony zkey verify` and compare.
struct SetupTranscript: Codable {
    struct Circuit: Codable {
        var r1cs: String
        var constraints: Int
        var publicInputs: Int
        var wires: Int
        var domainPower: Int
    }

    struct Beacon: Codable {
        /// Hexadecimal beacon value.
        var value: String
        var numIterationsExp: Int
        /// True when the operator did not pass --beacon: the value is then a fixed, public
        /// default, which gives no unpredictability (see doc/CEREMONY.md).
        var isDefault: Bool
    }

    struct Phase1Contribution: Codable {
        var index: Int
        var name: String?
        var kind: String
        var challenge: String
        var responseHash: String
        var nextChallenge: String
    }

    struct Phase1: Codable {
        /// "imported" (a verified .ptau) or "fresh" (run here).
        var source: String
        var file: String?
        var power: Int
        var ceremonyPower: Int
        var contributions: [Phase1Contribution]
    }

    struct Phase2Contribution: Codable {
        var index: Int
        var name: String?
        var kind: String
        var contributionHash: String
    }

    struct Phase2: Codable {
        var circuitHash: String
        var contributions: [Phase2Contribution]
    }

    var circuit: Circuit
    var phase1: Phase1
    var phase2: Phase2
    var beacon: Beacon
    var files: [String]

    static func kind(_ k: ContributionKind) -> String { k == .beacon ? "beacon" : "contribution" }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
