import Testing
@testable import Datasets

/// The MD5 used to check downloads gives RFC 1321's published digests, however the data is
/// split into pieces.
@Suite("MD5")
struct MD5Tests {
    /// The test suite of RFC 1321, appendix A.5.
    @Test(arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a"
        ),
        ("The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6"),
    ])
    func knownDigests(text: String, digest: String) {
        #expect(MD5.hexDigest(of: Array(text.utf8)) == digest)
    }

    /// Fed in pieces of every awkward size (across the 64-byte blocks and the 56-byte padding
    /// boundary), the digest is the same as in one go.
    @Test func piecewiseUpdatesAgree() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for length in [55, 56, 63, 64, 65, 119, 120, 128, 1000] {
            let whole = MD5.hexDigest(of: data[..<length])
            for piece in [1, 3, 17, 63, 64, 100] {
                var md5 = MD5()
                var start = 0
                while start < length {
                    let end = min(start + piece, length)
                    md5.update(data[start..<end])
                    start = end
                }
                #expect(md5.hexDigest() == whole, "length \(length), pieces of \(piece)")
            }
        }
    }

    @Test func millionAs() {
        var md5 = MD5()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { md5.update(chunk) }
        #expect(md5.hexDigest() == "7707d6ae4e027c70eea2a935c2296f21")
    }
}
