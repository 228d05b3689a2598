import Foundation

/// Test data copied into the repository (`Tests/Fixtures`), so that a clone runs the suites
/// without `../shared`.
enum Fixtures {
    /// `path` under `Tests/Fixtures`.
    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(path)")
    }

    /// The files of the directory `path` whose names end in `suffix`, sorted by name.
    static func files(in path: String, endingIn suffix: String) throws -> [(name: String, url: URL)] {
        let directory = url(path)
        return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            .filter { $0.hasSuffix(suffix) }.map { ($0, directory.appendingPathComponent($0)) }
    }

    /// Writes a suite's failures, one section each, to `suite.txt` in the directory that
    /// `HTML5LIB_FAILURES` names, when it names one: what a developer reads to pick the next fix.
    static func reportFailures(_ sections: [String], suite: String) throws {
        guard let directory = ProcessInfo.processInfo.environment["HTML5LIB_FAILURES"] else { return }
        try sections.joined().write(toFile: directory + "/\(suite).txt", atomically: true, encoding: .utf8)
    }
}
