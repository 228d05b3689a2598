import ChildProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct ProcessResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion, feeding `input` on stdin, and collects its output.
func runProcess(_ command: [String], input: Data? = nil) async throws -> ProcessResult {
    try await offThePool { Result { try runProcessNow(command, input: input) } }.get()
}

/// The same on the calling thread, for setup outside any test (starting nginx).
func runProcessNow(_ command: [String], input: Data? = nil) throws -> ProcessResult {
    let process = try RunningProcess(command, input: input)
    let stdout = process.readToEndNow()
    let (status, stderr) = process.waitNow()
    return ProcessResult(status: status, stdout: stdout, stderr: stderr)
}

/// Runs blocking work (reading a child's pipe, waiting for its exit) on a thread of its own.
///
/// Tests run on Swift's cooperative pool, which has one thread per core; a test that blocked one
/// while its child ran for seconds would stall every other test's async work, and with it the
/// wall-time bounds some of them check.
private func offThePool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
        Thread.detachNewThread { continuation.resume(returning: work()) }
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeReader: @unchecked Sendable {
    private var data = Data()
    private var ended = false
    private let condition = NSCondition()

    init(_ descriptor: Int32) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                condition.withLock { data.append(contentsOf: buffer[0..<count]) }
                condition.broadcast()
            }
            close(descriptor)
            condition.withLock { ended = true }
            condition.broadcast()
        }
    }

    /// Waits until `text` has been read; false if the pipe ended without it.
    func waitFor(_ text: String) -> Bool {
        condition.withLock {
            while !String(decoding: data, as: UTF8.self).contains(text) {
                if ended { return false }
                condition.wait()
            }
            return true
        }
    }

    func finish() -> Data {
        condition.withLock {
            while !ended { condition.wait() }
            return data
        }
    }
}

/// A child process started with posix_spawn, its stdout read as it runs (for tests that act
/// mid-run: Ctrl-C, a closed pipe) or to the end.
///
/// Not Foundation's `Process`: with many tests spawning at once it can miss a child's exit and
/// wait forever, and it lets pipe ends leak into concurrently spawned children (a daemon that
/// inherits one keeps the pipe open). Here every pipe end is close-on-exec except the ones the
/// child gets, and the child is reaped with `waitpid`.
final class RunningProcess: @unchecked Sendable {
    let pid: pid_t
    private var stdout: Int32?
    private let errors: PipeReader
    private var buffer: [UInt8] = []

    /// `input`, if any, is given on stdin (through a temporary file); otherwise stdin is empty.
    init(_ command: [String], input: Data? = nil) throws {
        let stdinPath = FileManager.default.temporaryDirectory.appendingPathComponent("stdin-\(UUID())").path
        try (input ?? Data()).write(to: URL(fileURLWithPath: stdinPath))
        defer { try? FileManager.default.removeItem(atPath: stdinPath) }
        var stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdoutPipe) == 0, pipe(&stderrPipe) == 0 else { throw POSIXError(.EMFILE) }
        for descriptor in stdoutPipe + stderrPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        close(stdoutPipe[1]); close(stderrPipe[1])
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        self.pid = pid
        stdout = stdoutPipe[0]
        errors = PipeReader(stderrPipe[0])
    }

    /// The next line of stdout (without its newline), or nil at end of output.
    func readLine() async -> String? {
        await offThePool { self.readLineNow() }
    }

    private func readLineNow() -> String? {
        guard let stdout else { return nil }
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                defer { buffer.removeSubrange(...newline) }
                return String(decoding: buffer[..<newline], as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(stdout, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                defer { buffer = [] }
                return buffer.isEmpty ? nil : String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// All of stdout still to come.
    func readToEndNow() -> String {
        var lines: [String] = []
        while let line = readLineNow() { lines.append(line) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Closes our end of stdout, as `| head` does once it has what it wants.
    func closeStdout() {
        if let stdout { close(stdout) }
        stdout = nil
    }

    /// Waits until the child has written `text` to stderr; false if stderr closed without it.
    func waitForStderr(_ text: String) async -> Bool {
        await offThePool { self.errors.waitFor(text) }
    }

    func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the exit; returns the status (128 + signal when killed) and all of stderr.
    func wait() async -> (status: Int32, stderr: String) {
        await offThePool { self.waitNow() }
    }

    func waitNow() -> (status: Int32, stderr: String) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        closeStdout()
        return (ChildProcess.exitStatus(waitStatus: status), String(decoding: errors.finish(), as: UTF8.self))
    }
}
