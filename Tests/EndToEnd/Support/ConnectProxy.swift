import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP proxy that understands only `CONNECT host:port`, as clients use for https URLs: it
/// opens a connection to that port on 127.0.0.1, says 200, and relays bytes both ways. It keeps
/// the targets it was asked for, so a test can tell that requests really went through it.
final class ConnectProxy: Sendable {
    private let server: RawServer
    private let log = TargetLog()

    init() throws {
        let log = self.log
        server = try RawServer { client, target in
            log.targets.withLock { $0.append(target) }
            guard let port = target.split(separator: ":").last.flatMap({ Int($0) }),
                  let upstream = Self.connectToLoopback(port: port) else {
                client.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            }
            defer { close(upstream) }
            guard client.write("HTTP/1.1 200 Connection established\r\n\r\n") else { return }
            Self.relay(client.descriptor, upstream)
        }
    }

    /// `http://127.0.0.1:PORT`, for `--proxy`.
    var url: String { "http://127.0.0.1:\(server.port)" }

    /// The `host:port` of every CONNECT so far.
    var targets: [String] { log.targets.withLock { $0 } }

    private final class TargetLog: Sendable {
        let targets = Mutex<[String]>([])
    }

    private static func connectToLoopback(port: Int) -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        if connected { return socket }
        close(socket)
        return nil
    }

    /// Copies bytes between the two sockets until either side closes.
    private static func relay(_ first: Int32, _ second: Int32) {
        var descriptors = [pollfd(fd: first, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while poll(&descriptors, 2, -1) > 0 {
            for (index, descriptor) in descriptors.enumerated() where descriptor.revents != 0 {
                let count = recv(descriptor.fd, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                let peer = descriptors[1 - index].fd
                var sent = 0
                while sent < count {
                    let written = buffer[sent..<count].withUnsafeBytes { send(peer, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    guard written > 0 else { return }
                    sent += written
                }
            }
        }
    }
}
