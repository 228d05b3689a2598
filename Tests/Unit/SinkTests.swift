import Foundation
import Testing
@testable import ScrapeKit

@Suite struct SinkTests {
    @Test func namesFitAnyFileSystemAndUseSixtyFourBits() {
        let longHost = String(repeating: "ü", count: 60) + "." + String(repeating: "ö", count: 60) + ".example"
        let name = OutDirSink.fileName(for: "http://\(longHost)/page")
        #expect(name.utf8.count <= 118)
        #expect(OutDirSink.fileName(for: "http://a.example/x").hasSuffix(".json"))
        #expect(OutDirSink.fileName(for: "http://a.example/x").count == "a.example-".count + 16 + ".json".count)
        #expect(OutDirSink.fileName(for: "http://a.example/1") != OutDirSink.fileName(for: "http://a.example/2"))
    }

    /// The temporary file used to be `.<name>.<pid>.tmp`, opened following symlinks: anyone who
    /// could write the directory could point it at a file of ours and have it overwritten.
    @Test func aPlantedSymlinkIsNotWrittenThrough() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outdir-\(UUID())").path
        let writer = try OutDirSink(directory: directory)
        let victim = directory + ".victim"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let url = "http://a.example/page"
        let final = OutDirSink.fileName(for: url)
        #expect(symlink(victim, directory + "/.\(final).\(getpid()).tmp") == 0)
        #expect(symlink(victim, directory + "/" + final) == 0)
        try writer.write(Record(index: 0, url: url, tag: "script"), line: Array("{}\n".utf8))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        #expect(try String(contentsOfFile: directory + "/" + final, encoding: .utf8) == "{}\n")
    }
}

/// The sinks a library user builds a run's output from.
@Suite struct RecordSinkTests {
    private func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID())").path
    }

    private func line(_ record: Record) -> [UInt8] { JSONLineEncoder.encode(record) }

    /// A killed run leaves half a line: the next run's log cuts it off, appends whole lines, and
    /// what it holds reads back as the URLs done.
    @Test func theResumeLogCutsATornLineAndReadsBack() throws {
        let path = temporaryPath("resume")
        let done = Record(index: 0, url: "http://a.example/done", status: 200, tag: "script")
        try Data(line(done) + Array("{\"index\":1,\"url\":\"http://a.exa".utf8)).write(to: URL(fileURLWithPath: path))
        let log = try ResumeLogSink(path: path)
        let next = Record(index: 2, url: "http://a.example/next", status: 200, tag: "script")
        try log.write(next, line: line(next))
        try log.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == String(decoding: line(done) + line(next), as: UTF8.self))
        let completed = try CompletedURLs(recordsAt: path)
        #expect(completed.count == 2)
    }

    /// Heads are read field by field: a malformed field (a peer's `"ok": 1`, a fractional
    /// `bytes`) is left out on its own, and the rest of its line still counts.
    @Test func aMalformedFieldLosesOnlyItself() throws {
        let path = temporaryPath("heads")
        try Data(#"""
            {"url":"http://a.example/1","ok":true,"bytes":12.5,"fetch_ms":3}
            {"url":"http://a.example/2","ok":1,"bytes":7,"error":{"kind":"x","message":"y"}}
            {"ok":true}

            """#.utf8).write(to: URL(fileURLWithPath: path))
        var heads: [RecordHead?] = []
        try RecordFile.forEachHead(inFile: path) { heads.append($0) }
        #expect(heads.count == 3)
        #expect(heads[0]?.url == "http://a.example/1" && heads[0]?.ok == true && heads[0]?.bytes == nil && heads[0]?.fetchMilliseconds == 3)
        #expect(heads[1]?.url == "http://a.example/2" && heads[1]?.ok == false && heads[1]?.bytes == 7)
        #expect(heads[2] == nil, "a line without a URL is not a record")
    }

    @Test func aFailingSinkDoesNotKeepRecordsFromTheOthers() throws {
        let directory = temporaryPath("outdir")
        let logPath = temporaryPath("log")
        // A descriptor that is not open: every write to it fails with EBADF.
        let broken = JSONLinesSink(descriptor: 999)
        let both = FanOutSink([broken, try ResumeLogSink(path: logPath), try OutDirSink(directory: directory)])
        let record = Record(index: 0, url: "http://a.example/x", tag: "script")
        #expect(throws: SinkError(code: EBADF)) { try both.write(record, line: line(record)) }
        #expect(try String(contentsOfFile: logPath, encoding: .utf8) == String(decoding: line(record), as: UTF8.self))
        #expect(FileManager.default.fileExists(atPath: directory + "/" + OutDirSink.fileName(for: record.url)))
    }
}
