import Foundation

/// Generated sites for crawl tests: one directory per host name under a temporary root, served by
/// a real nginx (`scripts/local-site` with `SITE_HOSTS=1`) that all names reach through
/// `--resolve`, and whose access log says which pages were fetched, when, and how often.
final class CrawlSite: Sendable {
    let root: String
    let state: String
    let port: Int

    /// Starts nginx, then writes the pages `pages` gives for its port (`host` → path → content),
    /// so that they can link across hosts with the port in their URLs.
    init(_ pages: (Int) -> [String: [String: String]]) throws {
        let token = UUID().uuidString
        root = FileManager.default.temporaryDirectory.appendingPathComponent("crawl-site-\(token)").path
        state = LocalSite.packageRoot.appendingPathComponent(".build/test-sites/crawl-\(token)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let script = LocalSite.packageRoot.appendingPathComponent("scripts/local-site").path
        let result = try runProcessNow(["/usr/bin/env", "SITE_HOSTS=1", script, "start", root, state])
        guard result.status == 0, let port = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw LocalSite.SiteError(message: result.stderr)
        }
        self.port = port
        for (host, files) in pages(port) {
            for (path, content) in files {
                let file = URL(fileURLWithPath: root).appendingPathComponent(host).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: file)
            }
        }
    }

    deinit {
        let script = LocalSite.packageRoot.appendingPathComponent("scripts/local-site").path
        _ = try? runProcessNow([script, "stop", state])
        try? FileManager.default.removeItem(atPath: root)
    }

    func url(_ host: String, _ path: String) -> String {
        "http://\(host):\(port)/\(path)"
    }

    /// `--resolve` arguments sending every name to this nginx.
    func resolving(_ hosts: [String]) -> [String] {
        hosts.flatMap { ["--resolve", "\($0):\(port):127.0.0.1"] }
    }

    /// Requests nginx logged so far, in the order they ended: when each arrived (the time it was
    /// logged less the time nginx spent on it), host and URI.
    func requests() throws -> [(time: Double, host: String, uri: String)] {
        let log = (try? String(contentsOfFile: state + "/access.log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            return ((Double(fields[0]) ?? 0) - (Double(fields[4]) ?? 0), String(fields[1]), String(fields[2]))
        }
    }
}
