// swift-tools-version:6.1
// zkSettlement: a zero-knowledge settlement agent. See doc/ARCHITECTURE.md for the layering:
// SettlementAgent -> Traces -> Circuits -> Groth16 -> (CGMP, CSodium, CFieldKernels);
// SettlementAgent -> Chain -> Groth16, CSecp256k1, AsyncHTTPClient.
import PackageDescription

let package = Package(
    name: "zk-settlement",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "settlement-agent", targets: ["SettlementAgent"]),
        .executable(name: "settlement-bench", targets: ["SettlementBench"]),
        .executable(name: "settlement-fuzz", targets: ["SettlementFuzz"]),
        .executable(name: "settlement-load", targets: ["SettlementLoad"]),
        .library(name: "Groth16", targets: ["Groth16"]),
        .library(name: "Circuits", targets: ["Circuits"]),
        .library(name: "Traces", targets: ["Traces"]),
        .library(name: "Chain", targets: ["Chain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.24.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
    ],
    targets: [
        // System libraries: GMP (big-integer engine and test oracle) and libsodium (CSPRNG, hashes).
        .systemLibrary(name: "CGMP", path: "Sources/CGMP"),
        .systemLibrary(name: "CSodium", path: "Sources/CSodium", pkgConfig: "libsodium"),
        // libsecp256k1 with its recovery module: the provider's Ethereum signatures.
        .systemLibrary(name: "CSecp256k1", path: "Sources/CSecp256k1", pkgConfig: "libsecp256k1"),
        // Montgomery multiplication kernels on unsigned __int128, inlined into Swift.
        .target(name: "CFieldKernels", path: "Sources/CFieldKernels"),

        .target(name: "Groth16", dependencies: ["CGMP", "CSodium", "CFieldKernels"]),
        .target(name: "Circuits", dependencies: ["Groth16"]),
        .target(name: "Traces", dependencies: ["Circuits", "Groth16", .product(name: "GRDB", package: "GRDB.swift")]),
        // The agent on the chain: Ethereum JSON-RPC client, EIP-1559 transactions, the provider key.
        .target(
            name: "Chain",
            dependencies: ["Groth16", "CSecp256k1", "CSodium", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .executableTarget(
            name: "SettlementAgent",
            dependencies: [
                "Traces", "Circuits", "Groth16", "Chain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // Channel handlers at the HTTP edge (read timeouts, connection cap, body limit).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "SettlementBench",
            dependencies: ["Groth16", "Circuits", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/SettlementBench"
        ),
        // The load client of `make load` (POST /v1/traces against a running agent).
        .executableTarget(
            name: "SettlementLoad",
            dependencies: ["Traces", "Circuits", "Groth16", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Benchmarks/SettlementLoad"
        ),

        // Seeded PRNG and the loader of ../shared/vectors, shared by the test targets.
        .target(name: "TestSupport", dependencies: ["Chain"], path: "Tests/TestSupport"),
        // Fuzzing of the decoders of untrusted input: targets, mutations, engine, seed corpus
        // (doc/RELIABILITY.md); `settlement-fuzz` runs them in supervised worker processes.
        .target(name: "Fuzzing", dependencies: ["Groth16", "Circuits", "Traces", "TestSupport"], path: "Tests/Fuzzing"),
        .executableTarget(
            name: "SettlementFuzz",
            dependencies: ["Fuzzing", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/SettlementFuzz"
        ),
        .testTarget(name: "Groth16Tests", dependencies: ["Groth16", "TestSupport"]),
        .testTarget(name: "CircuitsTests", dependencies: ["Circuits", "TestSupport"]),
        .testTarget(name: "TracesTests", dependencies: ["Traces", "Groth16", "TestSupport"]),
        .testTarget(
            name: "ChainTests", dependencies: ["Chain", "Groth16", "TestSupport"],
            exclude: ["Oracles/eth_account_oracle.py", "Live/Probe.sol"]
        ),
        .testTarget(name: "FuzzingTests", dependencies: ["Fuzzing", "TestSupport"]),
        .testTarget(
            name: "SettlementAgentTests",
            dependencies: [
                "SettlementAgent", "Traces", "Circuits", "Groth16", "Chain", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)
