import Foundation
import Testing

/// Ctrl-C and a closed stdout, on the real binary mid-run.
@Suite struct InterruptTests {
    let site = LocalSite.shared


    @Test(arguments: ["async", "threads"], [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func aSignalFlushesFinishedRecordsMarksInFlightOnesAndExitsWithIt(runner: String, signal: (Int32, Int32)) async throws {
        let outDir = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID())").path
        let slow = (0..<10).map { site.url("delay/60/slow\($0)") }
        let list = try writeListFile([site.url("index.html")] + slow)
        let process = try RunningProcess([ScrapeBinary.path, "--urls", list, "--runner", runner, "--concurrency", "4",
                                          "--out-dir", outDir])
        // The fast page's record arrives while the slow ones are in flight: that is the moment to interrupt.
        let first = try #require(await process.readLine())
        process.send(signal.0)
        var lines = [first]
        while let line = await process.readLine() { lines.append(line) }
        let (status, stderr) = await process.wait()

        #expect(status == signal.1)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects[0]["ok"] as? Bool == true)
        let interrupted = objects.dropFirst().map { ($0["error"] as? [String: Any])?["kind"] as? String }
        #expect(!interrupted.isEmpty && interrupted.count <= slow.count)
        #expect(interrupted.allSatisfy { $0 == "interrupted" }, "\(lines.dropFirst())")
        #expect(Set(objects.map { $0["index"] as! Int }).count == objects.count)
        #expect(stderr.contains("interrupted"))
        let files = try FileManager.default.contentsOfDirectory(atPath: outDir)
        #expect(files.count == objects.count)
        #expect(files.allSatisfy { !$0.hasPrefix(".") && $0.hasSuffix(".json") })
    }

    /// The first Ctrl-C waits for records to be written; when nothing reads them (a stuck pager),
    /// only the second one ends the run.
    @Test(.timeLimit(.minutes(1)))
    func secondCtrlCExitsAtOnceWhenTheOrderlyStopCannotFinish() async throws {
        let list = try writeListFile((0..<3000).map { site.url("index.html?\($0)") })
        let process = try RunningProcess([ScrapeBinary.path, "--urls", list])
        // After the first record, stdout is not read again: once the pipe is full, the writer
        // blocks and the run cannot end.
        #expect(await process.readLine() != nil)
        process.send(SIGINT)
        #expect(await process.waitForStderr("Ctrl-C again"))
        process.send(SIGINT)
        #expect(await process.wait().status == 130)
    }

    /// Whether the shell that starts us ignores SIGPIPE is not ours to choose (CI runners often
    /// do): either way a closed stdout is an orderly stop, never a crash.
    @Test(arguments: [false, true])
    func closedStdoutStopsTheRunInOrder(sigpipeIgnoredByParent: Bool) async throws {
        let list = try writeListFile((0..<500).map { site.url("index.html?\($0)") })
        let command = [ScrapeBinary.path, "--urls", list, "--ordered"]
        let process = try RunningProcess(sigpipeIgnoredByParent ? ["/bin/sh", "-c", "trap '' PIPE; exec \"$@\"", "sh"] + command
                                                                : command)
        #expect(await process.readLine() != nil)
        process.closeStdout()
        let (status, stderr) = await process.wait()
        #expect(status == 128 + SIGPIPE)
        #expect(stderr.contains("stdout was closed"))
        #expect(!stderr.lowercased().contains("fatal"))
    }

    @Test func fullDiskOnStdoutIsReportedWithExitStatus1() async throws {
        let list = try writeListFile([site.url("index.html")])
        let result = try await runProcess(["/bin/sh", "-c", "exec \"$@\" > /dev/full", "sh", ScrapeBinary.path, "--urls", list])
        #expect(result.status == 1)
        #expect(result.stderr.contains("No space left on device"))
        #expect(!result.stderr.lowercased().contains("fatal"))
    }
}
