#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a fresh process and measures it the way `/usr/bin/time` does.
///
/// Benchmarks need each contender's own peak memory and CPU time, which only `wait4` reports
/// for a child; Foundation's `Process` does not expose them.
public enum ChildProcess {
    public struct Measurement: Sendable {
        /// Exit status, or 128 + signal number.
        public var status: Int32
        public var wallSeconds: Double
        public var cpuSeconds: Double
        /// Peak resident set size in bytes.
        public var peakRSS: Int
    }

    /// A `waitpid` status as a shell reports it: the exit code, or 128 + the signal that ended it.
    public static func exitStatus(waitStatus status: Int32) -> Int32 {
        (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Runs `arguments` (the first is looked up on PATH), stdout to the file at `stdoutPath`,
    /// stdin from /dev/null, stderr to /dev/null unless `showErrors`; waits for it to end.
    public static func run(_ arguments: [String], stdoutPath: String, showErrors: Bool = false) throws -> Measurement {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if !showErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var start = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { throw SpawnError(program: arguments[0], code: spawned) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        var end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &end)
        let wall = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        return Measurement(status: exitStatus(waitStatus: status), wallSeconds: wall, cpuSeconds: cpu, peakRSS: usage.ru_maxrss * 1024)
    }

    /// The path of the running executable, to start fresh copies of it.
    public static var currentExecutable: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        return length > 0 ? String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    }

    private static func seconds(_ value: timeval) -> Double {
        Double(value.tv_sec) + Double(value.tv_usec) / 1e6
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public let program: String
        public let code: Int32
        public var description: String { "cannot start \(program): \(String(cString: strerror(code)))" }
    }
}
