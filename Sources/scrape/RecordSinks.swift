import ArgumentParser
import Foundation
import ScrapeKit

/// Where records go besides stdout: the `--out-dir` files and the `--resume` file. Both are opened,
/// and the records of earlier runs read back, before any work starts, so a bad path is a usage
/// error rather than a run that loses its output.
struct RecordSinks {
    private(set) var outDir: OutDirWriter?
    private(set) var log: RecordLog?
    /// URLs that already have an ok record in the `--resume` file or directory.
    private(set) var completed = CompletedURLs()

    init(outDir: String?, resume: String?) throws {
        var outDirPath = outDir
        if let resume {
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

    /// Keeps one record; a failure is a warning, since the record still reaches stdout.
    func write(_ record: Record, encoded line: [UInt8]) {
        if let log {
            do { try log.append(line) } catch {
                Diagnostics.warn("could not append \(record.url) to the --resume file: \(error)")
            }
        }
        if let outDir {
            do { try outDir.write(record, encoded: line) } catch {
                Diagnostics.warn("could not write \(record.url) to --out-dir: \(error.localizedDescription)")
            }
        }
    }
}
