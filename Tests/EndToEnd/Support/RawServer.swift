import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on loopback that answers every connection with whatever bytes a test writes:
/// for replies nginx will not send (endless trailers, HTTP/0.9, broken status lines).
final class RawServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32

    /// `respond` gets each connection and its request path once the request head has been read;
    /// writes to a closed connection fail (no SIGPIPE), which is how an endless reply learns that
    /// the client left.
    init(respond: @escaping @Sendable (RawConnection, String) -> Void) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                Thread.detachNewThread {
                    let connection = RawConnection(descriptor: client)
                    respond(connection, connection.readRequestPath())
                    close(client)
                }
            }
        }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }
}

struct RawConnection {
    let descriptor: Int32

    /// Reads the request head; the path of its request line.
    func readRequestPath() -> String {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)), head.count < 65_536 {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            head += buffer[..<count]
        }
        let requestLine = String(decoding: head.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        return requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? ""
    }

    /// False once the client has gone.
    @discardableResult
    func write(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }
}
