import ArgumentParser
import Foundation
import ScrapeKit
import Synchronization

/// Where records go besides stdout: the `--out-dir` and `--by-host` files and the `--resume`
/// file, as one sink.
/// Both are opened, and the records of earlier runs read back, before any work starts, so a bad
/// path is a usage error rather than a run that loses its output.
struct RecordSinks {
    /// The file sinks, in the order records reach them: the resume log, then --out-dir, then --by-host.
    private let files: FanOutSink
    /// URLs that already have an ok record in the `--resume` file or directory.
    private(set) var completed = CompletedURLs()
    /// Records that could not be kept; the run then ends with status 1.
    private let failures = Failures()

    private final class Failures: Sendable {
        let count = Atomic<Int>(0)
    }

    init(outDir: String?, byHost: String?, resume: String?, urls: String) throws {
        var outDirPath = outDir
        var sinks: [any RecordSink] = []
        if let resume {
            if let resumed = FileIdentity(path: resume) {
                guard resumed.isRegular || resumed.isDirectory else {
                    throw ValidationError("--resume \(resume) is not a regular file or a directory")
                }
                if FileIdentity(path: urls) == resumed {
                    throw ValidationError("--resume \(resume) is also the --urls list: the run would read its own records")
                }
            }
            do { completed = try CompletedURLs(recordsAt: resume) } catch {
                throw ValidationError("cannot read --resume \(resume): \(error.localizedDescription)")
            }
            if FileAccess.isDirectory(resume) == true {
                guard outDirPath == nil || outDirPath == resume else {
                    throw ValidationError("--resume with a directory writes there; give --out-dir the same directory or none")
                }
                outDirPath = resume
            } else {
                do { sinks.append(try ResumeLogSink(path: resume)) } catch {
                    throw ValidationError("cannot write --resume \(resume): \(error)")
                }
            }
        }
        if let directory = outDirPath {
            do { sinks.append(try OutDirSink(directory: directory)) } catch {
                throw ValidationError("cannot create --out-dir \(directory): \(error.localizedDescription)")
            }
        }
        if let byHost {
            do { sinks.append(try HostFilesSink(directory: byHost)) } catch {
                throw ValidationError("cannot create --by-host \(byHost): \(error)")
            }
        }
        files = FanOutSink(sinks)
    }

    /// Keeps one record. A failure is warned about once (the record still reaches stdout) and
    /// counted, so that the run ends with status 1 instead of looking complete.
    func write(_ record: Record, line: [UInt8]) {
        do { try files.write(record, line: line) } catch {
            failed("could not keep \(record.url) in --out-dir, --by-host or --resume: \(error)")
        }
    }

    /// Flushes and closes the files; a failure is warned about and counted as `write`'s are.
    func finish() {
        do { try files.finish() } catch {
            failed("could not finish --out-dir, --by-host or --resume: \(error)")
        }
    }

    /// How many records could not be written to --out-dir, --by-host or --resume.
    var failedRecords: Int { failures.count.load(ordering: .relaxed) }

    private func failed(_ warning: String) {
        if failures.count.add(1, ordering: .relaxed).newValue == 1 { Diagnostics.warn(warning + " (further failures are counted, not shown)") }
    }
}
