import Foundation
import Testing
@testable import ScrapeKit

@Suite struct OutDirWriterTests {
    @Test func namesFitAnyFileSystemAndUseSixtyFourBits() {
        let longHost = String(repeating: "ü", count: 60) + "." + String(repeating: "ö", count: 60) + ".example"
        let name = OutDirWriter.fileName(for: "http://\(longHost)/page")
        #expect(name.utf8.count <= 118)
        #expect(OutDirWriter.fileName(for: "http://a.example/x").hasSuffix(".json"))
        #expect(OutDirWriter.fileName(for: "http://a.example/x").count == "a.example-".count + 16 + ".json".count)
        #expect(OutDirWriter.fileName(for: "http://a.example/1") != OutDirWriter.fileName(for: "http://a.example/2"))
    }

    /// The temporary file used to be `.<name>.<pid>.tmp`, opened following symlinks: anyone who
    /// could write the directory could point it at a file of ours and have it overwritten.
    @Test func aPlantedSymlinkIsNotWrittenThrough() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outdir-\(UUID())").path
        let writer = try OutDirWriter(directory: directory)
        let victim = directory + ".victim"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let url = "http://a.example/page"
        let final = OutDirWriter.fileName(for: url)
        #expect(symlink(victim, directory + "/.\(final).\(getpid()).tmp") == 0)
        #expect(symlink(victim, directory + "/" + final) == 0)
        try writer.write(Record(index: 0, url: url, tag: "script"), encoded: Array("{}\n".utf8))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        #expect(try String(contentsOfFile: directory + "/" + final, encoding: .utf8) == "{}\n")
    }
}
