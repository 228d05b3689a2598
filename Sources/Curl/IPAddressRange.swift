#if canImport(Glibc)
import Glibc
#endif

/// Which addresses `--deny-private` refuses: where a URL from an untrusted list must not lead.
enum IPAddressRange {
    /// The addresses IANA's special-purpose registries (IPv4 and IPv6) mark not globally
    /// reachable, and multicast: loopback, private (RFC 1918, IPv6 unique local), link-local
    /// (which holds the cloud metadata address 169.254.169.254), shared (100.64/10), the IETF
    /// protocol block 192.0.0.0/24, documentation and benchmarking ranges, reserved and
    /// unspecified addresses. An IPv6 address that carries an IPv4 one (mapped `::ffff:a.b.c.d`,
    /// compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:aabb:ccdd::`) is judged by
    /// the IPv4 address it leads to. False for anything that does not parse.
    static func isPrivate(_ text: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return isPrivate(v4: withUnsafeBytes(of: v4.s_addr) { Array($0) })
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return isPrivate(v4: Array(bytes[12...]))                              // ::ffff:0:0/96
        }
        if bytes[0..<12].allSatisfy({ $0 == 0 }) { return true }                // ::/96: ::, ::1, ::a.b.c.d
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return isPrivate(v4: Array(bytes[12...]))                              // 64:ff9b::/96, NAT64
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 { return isPrivate(v4: Array(bytes[2..<6])) } // 2002::/16, 6to4
        return bytes[0..<6] == [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01]            // 64:ff9b:1::/48
            || (bytes[0..<8] == [0x01, 0, 0, 0, 0, 0, 0, 0])                    // 100::/64, discard
            || (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] < 0x02)         // 2001::/23, IETF
            || bytes[0..<4] == [0x20, 0x01, 0x0D, 0xB8]                         // 2001:db8::/32
            || (bytes[0] == 0x3F && bytes[1] & 0xF0 == 0xF0)                    // 3fff::/20
            || bytes[0] & 0xFE == 0xFC                                          // fc00::/7
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
        case (192, 0) where octets[2] == 0 || octets[2] == 2: true    // 192.0.0.0/24, 192.0.2.0/24
        case (198, 18...19): true                                     // benchmarking
        case (198, 51) where octets[2] == 100: true                   // documentation
        case (203, 0) where octets[2] == 113: true                    // documentation
        case (224...255, _): true                                     // multicast, reserved
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
