import ArgumentParser

/// A size such as `10MiB`, `512K` or `1000000` (bytes); K, M and G are powers of 1024.
struct ByteSize: ExpressibleByArgument, CustomStringConvertible {
    var bytes: Int

    init(bytes: Int) {
        self.bytes = bytes
    }

    init?(argument: String) {
        let text = argument.lowercased()
        let digits = text.prefix { $0.isNumber }
        guard let number = Int(digits), number >= 0 else { return nil }
        let units: [String: Int] = ["": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20,
                                    "mb": 1 << 20, "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30]
        // At most 1 TiB, which no body held in memory can reach; more is a typo or an attack.
        guard let unit = units[String(text.dropFirst(digits.count))], number <= (1 << 40) / unit else { return nil }
        bytes = number * unit
    }

    var description: String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20)MiB" : "\(bytes)"
    }
}
