import Foundation
import Synchronization

/// A real nginx on 127.0.0.1, serving `samples/site` and the fault endpoints of
/// `scripts/local-site` over HTTP and over HTTPS (HTTP/2, certificates of `scripts/test-ca`),
/// started once per test process on free ports and stopped at exit.
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
    let tlsPort: Int
    let state: String
    /// The test CA, which signed the HTTPS port's certificates.
    static let caFile = packageRoot.appendingPathComponent(".build/test-ca/ca.pem").path

    private init(root: String) throws {
        state = Self.packageRoot.appendingPathComponent(".build/test-sites/\(getpid())").path
        let output = try Self.script(["start", root, state], environment: ["SITE_TLS=1"])
        let ports = output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        guard ports.count == 2 else { throw SiteError(message: "local-site printed \(output)") }
        port = ports[0]
        tlsPort = ports[1]
    }

    func url(_ path: String) -> String {
        "http://127.0.0.1:\(port)/\(path)"
    }

    /// An https URL of the site under `host`, which `resolve(host)` points at loopback:
    /// `localhost` and `*.scrape.test` get a valid certificate, `expired.test`, `wrong-host.test`
    /// and `self-signed.test` the certificates their names say.
    func tlsURL(_ path: String, host: String = "localhost") -> String {
        "https://\(host):\(tlsPort)/\(path)"
    }

    /// The `--resolve` entry that sends `host` on the HTTPS port to 127.0.0.1.
    func resolve(_ host: String) -> String {
        "\(host):\(tlsPort):127.0.0.1"
    }

    /// A port on which nothing listens: bound, never listening, so connections are refused.
    static let closedPort: Int = {
        let output = try! runProcessNow(["/usr/bin/env", "python3", "-c",
                                       "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))!
    }()

    @discardableResult
    private static func script(_ arguments: [String], environment: [String] = []) throws -> String {
        let script = packageRoot.appendingPathComponent("scripts/local-site").path
        let result = try runProcessNow(["/usr/bin/env"] + environment + [script] + arguments)
        guard result.status == 0 else { throw SiteError(message: result.stderr) }
        return result.stdout
    }

    struct SiteError: Error {
        let message: String
    }
}
