import ArgumentParser
import Foundation

/// A file an option names, checked before the run so a typo is a usage error, not a quiet failure.
enum ReadableFile {
    static func check(_ path: String, option: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: path)
        else { throw ValidationError("\(option) \(path): no such readable file") }
        return path
    }
}
