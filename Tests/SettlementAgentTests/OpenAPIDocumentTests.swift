import Foundation
import Testing
@testable import SettlementAgent

/// doc/openapi.json describes exactly the routes the agent serves.
@Suite struct OpenAPIDocumentTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("doc/openapi.json")

    @Test func documentMatchesTheRoutes() throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.document)) as? [String: Any]
        let paths = try #require(object?["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths {
            for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        let served = Set(try AgentTestHarness().services.routes.makeRouterAndEndpoints().endpoints)
        #expect(served.count == 15)
        #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")
        // Every operation lists its responses, and the admin ones declare the bearer token.
        for (path, operations) in paths {
            for (method, value) in operations {
                let operation = try #require(value as? [String: Any])
                #expect((operation["responses"] as? [String: Any])?.isEmpty == false, "\(method) \(path)")
                let isAdmin = ["POST /v1/accounts", "POST /v1/settlements", "POST /v1/settlements/{id}/confirm",
                               "POST /v1/settlements/{id}/abandon"]
                    .contains("\(method.uppercased()) \(path)")
                #expect((operation["security"] != nil) == isAdmin, "\(method) \(path) security")
            }
        }
    }
}

extension AgentServices {
    var routes: AgentRoutes { AgentRoutes(services: self) }
}
