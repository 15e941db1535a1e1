import Foundation
import Testing
@testable import Plot

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A fresh folder of its own for each test (tests run in parallel).
func makeTemporaryFolder(_ purpose: String = "plot-tests") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(purpose)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// The installed gnuplot; a test needing it fails (never skips) when it is missing, so that CI,
/// which installs gnuplot-nox, cannot pass without drawing.
func requireGnuplot() throws -> String {
    try #require(
        GnuplotProcess.locate("gnuplot"),
        "gnuplot is not installed: these tests draw real pictures (sudo apt-get install gnuplot-nox)")
}

/// Options writing into `folder`, printing nothing.
func quietOptions(
    _ outputs: PlotOutputs, in folder: URL, columns: Int = 80, colors: Bool = false,
    gnuplot: String = "gnuplot"
) -> RenderOptions {
    RenderOptions(
        outputs: outputs, directory: folder.path, terminalColumns: columns, terminalColors: colors,
        gnuplot: gnuplot, quiet: true)
}

/// Width and height of a PNG, read from its IHDR chunk, after checking the PNG signature.
func pngDimensions(of url: URL) throws -> (width: Int, height: Int) {
    let bytes = [UInt8](try Data(contentsOf: url))
    try #require(bytes.count > 24, "\(url.lastPathComponent) is too short to be a PNG")
    #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG signature")
    #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR", "first chunk is IHDR")
    func bigEndian(_ offset: Int) -> Int {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    return (bigEndian(16), bigEndian(20))
}

/// Parses an SVG file with XMLParser; returns the root element's name and attributes.
func parseSVG(_ url: URL) throws -> (root: String, attributes: [String: String]) {
    final class RootCatcher: NSObject, XMLParserDelegate {
        var root: String?
        var attributes: [String: String] = [:]
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String]
        ) {
            if root == nil {
                root = elementName
                self.attributes = attributes
            }
        }
    }
    let parser = XMLParser(data: try Data(contentsOf: url))
    let catcher = RootCatcher()
    parser.delegate = catcher
    let parsed = parser.parse()
    #expect(parsed, "SVG parses as XML: \(String(describing: parser.parserError))")
    return (try #require(catcher.root), catcher.attributes)
}

/// Runs `executable` with `arguments` in `folder`; returns its exit status and what it printed.
func run(_ executable: String, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// A falling loss curve with some noise.
func sampleLosses(_ count: Int = 40) -> [Double] {
    (1...count).map { step -> Double in
        let epoch = Double(step)
        let decay: Double = 2 * exp(-epoch / 10)
        return decay + 0.05 + 0.02 * sin(epoch * 1.7)
    }
}
