import Foundation
import Testing

/// The library's layering, as Package.swift's comments state it: platform calls and raw memory
/// live in the thin layers (ScrapeSystem, Curl, LibXML, …), and the staged pipeline in ScrapeKit
/// uses neither, so a reader of ScrapeKit never meets a pointer.
@Suite struct LayeringTests {
    @Test func theLibraryImportsNoPlatformModuleAndTouchesNoPointer() throws {
        let library = Fixtures.url("../../Sources/ScrapeKit").standardizedFileURL
        let files = try #require(FileManager.default.enumerator(atPath: library.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        let forbidden = ["import Glibc", "import Darwin", "import Musl", "Unsafe", "baseAddress", "OpaquePointer"]
        for file in files {
            let source = try String(contentsOf: library.appendingPathComponent(file), encoding: .utf8)
            for word in forbidden {
                #expect(!source.contains(word), "\(file) has \(word)")
            }
        }
    }
}
