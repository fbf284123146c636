/// Every suite `settlement-bench` knows. Each lives in its own file under Suites/.
enum SuiteRegistry {
    static let all: [any BenchmarkSuite.Type] = [
        FieldSuite.self,
        CurveSuite.self,
        PairingSuite.self,
        MSMG1Suite.self,
        MSMG2Suite.self,
        NTTSuite.self,
        ProveSuite.self,
        ZKeyReadSuite.self,
        GadgetsSuite.self,
        SettlementCircuitSuite.self,
        SettlementSuite.self,
        CeremonySuite.self,
    ]
}
