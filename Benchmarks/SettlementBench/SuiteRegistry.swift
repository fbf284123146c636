/// Every suite `settlement-bench` knows. Each lives in its own file under Suites/.
enum SuiteRegistry {
    static let all: [any BenchmarkSuite.Type] = [
        FieldSuite.self,
        CurveSuite.self,
        PairingSuite.self,
        ZKeyReadSuite.self,
        CeremonySuite.self,
    ]
}
