import ArgumentParser
import Foundation
import Groth16
import Traces

/// `settlement-load`: drives POST /v1/traces of a running agent on 127.0.0.1 with traces
/// signed before the timed phase, from several concurrent keep-alive clients; reports
/// throughput and p50/p99 latency, then checks through GET /v1/traces that the agent stored
/// exactly the traces it acknowledged. Exits 1 when a trace was refused or the counts differ.
@main
struct SettlementLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settlement-load",
        abstract: "Load test of POST /v1/traces against an agent on 127.0.0.1.")

    @Option(help: "The agent's port on 127.0.0.1.") var port = 8080
    @Option(help: "Admin bearer token (or SETTLEMENT_ADMIN_TOKEN), to register the users.") var adminToken: String?
    @Option(help: "Concurrent clients (one keep-alive connection each).") var clients = 4
    @Option(help: "Traces per request; 1 sends the single-trace body.") var batch = 100
    @Option(help: "Users (accounts registered before the run).") var users = 200
    @Option(help: "Signed traces per user.") var tracesPerUser = 100
    @Option(help: "Number of the first user (use distinct ranges for runs against one database).") var firstUser = 0
    @Option(help: "Upper bound on the timed phase, seconds.") var seconds = 60.0
    @Option(help: "Label of this run in the report.") var label = "load"
    @Option(help: "The agent's process id, to report the CPU time it used in the timed phase.") var agentPid: Int32?

    func validate() throws {
        guard clients >= 1, users >= clients, batch >= 1, tracesPerUser >= 1, seconds > 0 else {
            throw ValidationError("need clients >= 1, users >= clients, batch >= 1, traces-per-user >= 1, seconds > 0")
        }
    }

    func run() throws {
        guard let token = adminToken ?? ProcessInfo.processInfo.environment["SETTLEMENT_ADMIN_TOKEN"] else {
            throw ValidationError("--admin-token or SETTLEMENT_ADMIN_TOKEN is required to register the users")
        }
        let control = try HTTPConnection(port: port)
        let health = try Self.json(control.send(HTTPConnection.request("GET", "/healthz")), expect: 200, "GET /healthz")
        guard let chain = (health["chainId"] as? String).flatMap(UInt64.init),
              let contract = health["settlementContract"] as? String, let providerText = health["provider"] as? String
        else { throw ValidationError("GET /healthz: no chainId, settlementContract or provider") }
        let domain = SettlementDomain(chainId: chain, settlementContract: try Address(hex: contract))
        let provider = try Address(hex: providerText)

        let signStart = Date()
        let plan = LoadPlan(firstUser: firstUser, userCount: users, tracesPerUser: tracesPerUser, clients: clients,
                            batch: batch, domain: domain, provider: provider)
        let signSeconds = Date().timeIntervalSince(signStart)
        for user in plan.users {
            let k = TraceSigning.signerKey(of: user.key)
            let body = #"{"user":"\#(user.address)","signerKey":["\#(k.ax.decimalString)","\#(k.ay.decimalString)"],"balance":"1000000000000","nonce":"0"}"#
            _ = try Self.json(control.send(HTTPConnection.request("POST", "/v1/accounts", body: Array(body.utf8),
                                                                  headers: ["Authorization": "Bearer \(token)"])),
                              expect: 201, "POST /v1/accounts")
        }

        let runs = try plan.requests.map { try ClientRun(port: port, requests: $0) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        let group = DispatchGroup()
        let agentCPU = agentPid.flatMap(CPUTime.process), clientCPU = CPUTime.current()
        let start = DispatchTime.now().uptimeNanoseconds
        for run in runs {
            group.enter()
            Thread.detachNewThread {
                run.drive(until: deadline)
                group.leave()
            }
        }
        group.wait()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var agentUsed: Double?
        if let before = agentCPU, let pid = agentPid, let after = CPUTime.process(pid) { agentUsed = after - before }
        let clientUsed = CPUTime.current() - clientCPU

        let acknowledged = runs.reduce(0) { $0 + $1.accepted }
        let sent = runs.reduce(0) { $0 + $1.sentTraces }
        let refused = runs.reduce(0) { $0 + $1.refused }
        let failures = runs.compactMap(\.failure)
        let latency = LatencySummary(runs.flatMap(\.latencies))
        let stored = try Self.storedTraces(control, users: Set(plan.users.map { $0.address.description }))
        let ok = failures.isEmpty && refused == 0 && stored == acknowledged && acknowledged == sent
        print(String(format: "%@: %d clients, batch %d, %d users: %d requests, %d traces acknowledged in %.2f s: %.0f traces/s, %.0f requests/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; stored %d (%@); signing beforehand %.1f s",
                     label, clients, batch, users, latency.count, acknowledged, wall, Double(acknowledged) / wall,
                     Double(latency.count) / wall, latency.p50 * 1e3, latency.p99 * 1e3, latency.max * 1e3, stored,
                     stored == acknowledged ? "= acknowledged" : "MISMATCH", signSeconds))
        print(String(format: "%@: CPU in the timed phase: client %.2f s", label, clientUsed)
              + (agentUsed.map { String(format: ", agent %.2f s (%.0f µs per acknowledged trace)", $0, $0 / Double(max(acknowledged, 1)) * 1e6) } ?? ""))
        for f in failures { print("client failure: \(f)") }
        if refused > 0 { print("\(refused) traces were not accepted (duplicate or rejected)") }
        if !ok { throw ExitCode(1) }
    }

    /// Traces of `users` stored by the agent, paging through GET /v1/traces.
    static func storedTraces(_ connection: HTTPConnection, users: Set<String>) throws -> Int {
        var count = 0, after: String?
        repeat {
            let page = try json(connection.send(HTTPConnection.request("GET", "/v1/traces?limit=1000" + (after.map { "&after=\($0)" } ?? ""))),
                                expect: 200, "GET /v1/traces")
            let traces = page["traces"] as? [[String: Any]] ?? []
            count += traces.filter { users.contains(($0["trace"] as? [String: Any])?["user"] as? String ?? "") }.count
            after = page["next"] as? String
        } while after != nil
        return count
    }

    static func json(_ response: (status: Int, body: [UInt8]), expect: Int, _ what: String) throws -> [String: Any] {
        guard response.status == expect,
              let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else {
            throw ValidationError("\(what): status \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        return object
    }
}

/// One client's connection, requests and results (only its own thread touches it while
/// running).
final class ClientRun: @unchecked Sendable {
    let connection: HTTPConnection
    let requests: [(bytes: [UInt8], traces: Int)]
    var latencies: [Double] = []
    var accepted = 0, sentTraces = 0, refused = 0
    var failure: String?

    init(port: Int, requests: [(bytes: [UInt8], traces: Int)]) throws {
        connection = try HTTPConnection(port: port)
        self.requests = requests
        latencies.reserveCapacity(requests.count)
    }

    /// Sends the requests in order, one at a time, until done or past `deadline`.
    func drive(until deadline: UInt64) {
        for request in requests {
            let t0 = DispatchTime.now().uptimeNanoseconds
            guard t0 < deadline else { return }
            do {
                let response = try connection.send(request.bytes)
                latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                sentTraces += request.traces
                let n = Self.acceptedCount(response, traces: request.traces)
                accepted += n
                refused += request.traces - n
            } catch {
                failure = "\(error)"
                return
            }
        }
    }

    /// Traces the response acknowledges: 201 for one trace; `"accepted":N` in a batch's 200.
    static func acceptedCount(_ response: (status: Int, body: [UInt8]), traces: Int) -> Int {
        if traces == 1 && response.status == 201 { return 1 }
        guard response.status == 200, let at = HTTPConnection.find(Array(#""accepted":"#.utf8), in: response.body) else { return 0 }
        var n = 0
        for byte in response.body[(at + 11)...] {
            guard byte >= 48 && byte <= 57 else { break }
            n = n * 10 + Int(byte - 48)
        }
        return n
    }
}
