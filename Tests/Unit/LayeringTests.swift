import Foundation
import Testing

/// The layering Package.swift's comments state: platform calls and raw memory live in the thin
/// layers (ScrapeSystem, Curl, LibXML, …), and neither the library's staged pipeline (ScrapeKit)
/// nor the command line uses them, so their readers never meet a pointer.
@Suite struct LayeringTests {
    @Test(arguments: ["ScrapeKit", "scrape"])
    func importsNoPlatformModuleAndTouchesNoPointer(target: String) throws {
        let sources = Fixtures.url("../../Sources/\(target)").standardizedFileURL
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20)
        let forbidden = ["import Glibc", "import Darwin", "import Musl", "Unsafe", "baseAddress", "OpaquePointer"]
        for file in files {
            let source = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for word in forbidden {
                #expect(!source.contains(word), "\(target)/\(file) has \(word)")
            }
        }
    }
}
