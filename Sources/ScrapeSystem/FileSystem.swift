#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory calls of the sinks.
package enum FileSystem {
    /// Creates the directory `path`; one that exists already is fine.
    package static func makeDirectory(_ path: String) throws(SystemError) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .last }
    }

    /// Moves `source` to `destination` in one step, replacing what was there.
    package static func rename(_ source: String, to destination: String) throws(SystemError) {
        guard systemRename(source, destination) == 0 else { throw .last }
    }

    /// Removes the file `path`, if it is there.
    package static func remove(_ path: String) {
        _ = unlink(path)
    }
}

private func systemRename(_ source: String, _ destination: String) -> Int32 { rename(source, destination) }
