#if canImport(Glibc)
import Glibc
#endif

/// Which addresses `--deny-private` refuses: where a URL from an untrusted list must not lead.
enum IPAddressRange {
    /// Loopback, private (RFC 1918, IPv6 unique local), link-local (which holds the cloud
    /// metadata address 169.254.169.254), shared (100.64/10), unspecified and multicast
    /// addresses, IPv4-mapped IPv6 included; false for anything that does not parse.
    static func isPrivate(_ text: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return isPrivate(v4: withUnsafeBytes(of: v4.s_addr) { Array($0) })
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return isPrivate(v4: Array(bytes[12...]))
        }
        if bytes.allSatisfy({ $0 == 0 }) { return true }                       // ::
        if bytes[0..<15].allSatisfy({ $0 == 0 }), bytes[15] == 1 { return true } // ::1
        return bytes[0] & 0xFE == 0xFC                                         // fc00::/7
            || (bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80)                    // fe80::/10
            || bytes[0] == 0xFF                                                 // multicast
    }

    private static func isPrivate(v4 octets: [UInt8]) -> Bool {
        switch (octets[0], octets[1]) {
        case (0, _), (10, _), (127, _): true
        case (100, 64...127): true
        case (169, 254): true
        case (172, 16...31): true
        case (192, 168): true
        case (224...255, _): true
        default: false
        }
    }
}

extension IPAddressRange {
    /// One spelling per address (`::1` for `0:0::1`), for comparing addresses written by
    /// different hands; nil for text that is not an address.
    static func canonical(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { format(AF_INET, $0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        return withUnsafeBytes(of: &v6) { format(AF_INET6, $0) }
    }

    /// The address of a socket address (as `getaddrinfo` gives them), spelt as `canonical(_:)`
    /// spells it; nil for other families.
    static func canonical(_ address: UnsafePointer<sockaddr>) -> String? {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            var v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            return withUnsafeBytes(of: &v4) { format(AF_INET, $0) }
        case AF_INET6:
            var v6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            return withUnsafeBytes(of: &v6) { format(AF_INET6, $0) }
        default:
            return nil
        }
    }

    private static func format(_ family: Int32, _ address: UnsafeRawBufferPointer) -> String? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(family, address.baseAddress, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Host names that mean this machine wherever they are resolved (RFC 6761), which a proxy
    /// would take to mean itself.
    static func isLocalName(_ host: String) -> Bool {
        let host = host.lowercased().trimmingSuffix(".")
        return host == "localhost" || host.hasSuffix(".localhost")
    }
}

private extension String {
    func trimmingSuffix(_ suffix: Character) -> Substring {
        last == suffix ? dropLast() : self[...]
    }
}
