import Foundation
import Synchronization

/// A real nginx on 127.0.0.1, serving `samples/site` and the fault endpoints of
/// `scripts/local-site`, started once per test process on a free port and stopped at exit.
final class LocalSite: Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let shared: LocalSite = {
        let site = try! LocalSite(root: packageRoot.appendingPathComponent("samples/site").path)
        started.withLock { $0.append(site.state) }
        atexit {
            for state in LocalSite.started.withLock({ $0 }) { _ = try? LocalSite.script(["stop", state]) }
        }
        return site
    }()

    private static let started = Mutex<[String]>([])

    let port: Int
    let state: String

    private init(root: String) throws {
        state = Self.packageRoot.appendingPathComponent(".build/test-sites/\(getpid())").path
        let output = try Self.script(["start", root, state])
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw SiteError(message: "local-site printed \(output)")
        }
        self.port = port
    }

    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)/\(path)"
    }

    /// A port on which nothing listens: bound, never listening, so connections are refused.
    static let closedPort: Int = {
        let output = try! runProcessNow(["/usr/bin/env", "python3", "-c",
                                       "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
    }()

    @discardableResult
    private static func script(_ arguments: [String]) throws -> String {
        let result = try runProcessNow([packageRoot.appendingPathComponent("scripts/local-site").path] + arguments)
        guard result.status == 0 else { throw SiteError(message: result.stderr) }
        return result.stdout
    }

    struct SiteError: Error {
        let message: String
    }
}
