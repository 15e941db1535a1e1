import Foundation
import Testing

/// Every JSON fixture says which PyTorch made it (`"torch": "2.15.0+cu132"`), so a changed
/// number can be traced to a changed PyTorch; `Tests/README.md` names the script behind each.
@Suite struct FixtureVersionTests {
    static let fixtures = ["layers.json", "losses.json", "optimizers.json", "random.json"]

    @Test("each fixture records the PyTorch version that made it", arguments: fixtures)
    func recordsTorchVersion(name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let version = try #require(object?["torch"] as? String, "\(name) has no \"torch\" field")
        #expect(version.wholeMatch(of: /2\.\d+\.\d+(\+\w+)?/) != nil, "\(name): torch \(version)")
    }

    @Test("every JSON fixture is in the list above, so none escapes the version check")
    func listIsComplete() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let found = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(Set(found) == Set(Self.fixtures))
    }
}
