import Foundation

/// Whether a file an option names can be read, checked before a run so that a typo is a usage
/// error rather than a run that quietly goes without it.
package enum FileAccess {
    /// `path` is a file (not a directory) this process may read.
    package static func isReadableFile(_ path: String) -> Bool {
        isDirectory(path) == false && FileManager.default.isReadableFile(atPath: path)
    }

    /// Whether `path` is a directory; nil when there is nothing there.
    package static func isDirectory(_ path: String) -> Bool? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue
    }
}
