/// The FNV-1a hash of a string's UTF-8 bytes: stable across runs, processes and machines,
/// unlike `Hasher`, which is seeded per process. File names and shards depend on that. Cheap
/// enough, too, for the name tables looked up on every tag of a page.
enum FNV1a {
    static func hash32(_ text: String) -> UInt32 {
        // The bytes as one buffer: iterating a `String`'s `utf8` costs more than the hashing.
        text.utf8.withContiguousStorageIfAvailable(hash32) ?? hash32(text.utf8)
    }

    private static func hash32(_ bytes: some Sequence<UInt8>) -> UInt32 {
        hash(bytes, basis: 0x811C_9DC5, prime: 0x0100_0193)
    }

    static func hash64(_ text: String) -> UInt64 {
        hash(text.utf8, basis: 0xCBF2_9CE4_8422_2325, prime: 0x0000_0100_0000_01B3)
    }

    private static func hash<Value: FixedWidthInteger & UnsignedInteger>(
        _ bytes: some Sequence<UInt8>, basis: Value, prime: Value
    ) -> Value {
        var hash = basis
        for byte in bytes {
            hash ^= Value(byte)
            hash = hash &* prime
        }
        return hash
    }
}
