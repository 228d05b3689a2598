/// The FNV-1a hash of a string's UTF-8 bytes: stable across runs, processes and machines,
/// unlike `Hasher`, which is seeded per process. File names and shards depend on that.
enum FNV1a {
    static func hash32(_ text: String) -> UInt32 {
        hash(text, basis: 0x811C_9DC5, prime: 0x0100_0193)
    }

    static func hash64(_ text: String) -> UInt64 {
        hash(text, basis: 0xCBF2_9CE4_8422_2325, prime: 0x0000_0100_0000_01B3)
    }

    private static func hash<Value: FixedWidthInteger & UnsignedInteger>(_ text: String, basis: Value, prime: Value) -> Value {
        var hash = basis
        for byte in text.utf8 {
            hash ^= Value(byte)
            hash = hash &* prime
        }
        return hash
    }
}
