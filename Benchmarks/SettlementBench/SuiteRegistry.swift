/// Every suite `settlement-bench` knows. Each lives in its own file under Suites/.
enum SuiteRegistry {
    static let all: [any BenchmarkSuite.Type] = [
        MSMG1Suite.self,
        MSMG2Suite.self,
        NTTSuite.self,
    ]
}
