import ArgumentParser
import Foundation
import ScrapeKit
import Synchronization

/// Where records go besides stdout: the `--out-dir` files and the `--resume` file. Both are opened,
/// and the records of earlier runs read back, before any work starts, so a bad path is a usage
/// error rather than a run that loses its output.
struct RecordSinks {
    private(set) var outDir: OutDirWriter?
    private(set) var log: RecordLog?
    /// URLs that already have an ok record in the `--resume` file or directory.
    private(set) var completed = CompletedURLs()
    /// Records that could not be kept; the run then ends with status 1.
    private let failures = Failures()

    private final class Failures: Sendable {
        let count = Atomic<Int>(0)
    }

    init(outDir: String?, resume: String?, urls: String) throws {
        var outDirPath = outDir
        if let resume {
            var resumed = stat()
            if stat(resume, &resumed) == 0 {
                let kind = resumed.st_mode & S_IFMT
                guard kind == S_IFREG || kind == S_IFDIR else {
                    throw ValidationError("--resume \(resume) is not a regular file or a directory")
                }
                var listed = stat()
                if stat(urls, &listed) == 0, listed.st_dev == resumed.st_dev, listed.st_ino == resumed.st_ino {
                    throw ValidationError("--resume \(resume) is also the --urls list: the run would read its own records")
                }
            }
            do { completed = try CompletedURLs(recordsAt: resume) } catch {
                throw ValidationError("cannot read --resume \(resume): \(error.localizedDescription)")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: resume, isDirectory: &isDirectory), isDirectory.boolValue {
                guard outDirPath == nil || outDirPath == resume else {
                    throw ValidationError("--resume with a directory writes there; give --out-dir the same directory or none")
                }
                outDirPath = resume
            } else {
                do { log = try RecordLog(path: resume) } catch {
                    throw ValidationError("cannot write --resume \(resume): \(error)")
                }
            }
        }
        self.outDir = try outDirPath.map { directory in
            do { return try OutDirWriter(directory: directory) } catch {
                throw ValidationError("cannot create --out-dir \(directory): \(error.localizedDescription)")
            }
        }
    }

    /// Keeps one record. A failure is warned about once (the record still reaches stdout) and
    /// counted, so that the run ends with status 1 instead of looking complete.
    func write(_ record: Record, encoded line: [UInt8]) {
        if let log {
            do { try log.append(line) } catch { failed("could not append \(record.url) to the --resume file: \(error)") }
        }
        if let outDir {
            do { try outDir.write(record, encoded: line) } catch { failed("could not write \(record.url) to --out-dir: \(error)") }
        }
    }

    /// How many records could not be written to --out-dir or --resume.
    var failedRecords: Int { failures.count.load(ordering: .relaxed) }

    private func failed(_ warning: String) {
        if failures.count.add(1, ordering: .relaxed).newValue == 1 { Diagnostics.warn(warning + " (further failures are counted, not shown)") }
    }
}
