import Datasets
import Notebook

/// The flags of the lessons that train on pictures of MNIST's format (Lessons 06 and 07): which
/// data set, from which folder, and how many of its pictures.
public struct DataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("fashion-mnist (pictures of clothes, the default) or mnist (handwritten digits).",
                               valueName: "name"))
    public var dataset: MNIST.Variant = .fashionMNIST

    @Option(help: ArgumentHelp("A folder holding the four IDX files (.gz or unpacked); default: the cache, "
        + "or Debian's folder for Fashion-MNIST.", valueName: "folder"))
    public var dataDir: String?

    @Option(parsing: .unconditional, help: "Use only the first N training pictures (default all 60,000; 2,000 with --quick).")
    public var trainLimit: Int?

    @Option(parsing: .unconditional, help: "Use only the first N test pictures (default all 10,000; 500 with --quick).")
    public var testLimit: Int?

    public init() {}

    public func validate() throws {
        if let trainLimit, trainLimit < 1 {
            throw ValidationError("--train-limit must be 1 or more (or left out for all pictures), but got \(trainLimit)")
        }
        if let testLimit, testLimit < 1 {
            throw ValidationError("--test-limit must be 1 or more (or left out for all pictures), but got \(testLimit)")
        }
        if let dataDir, dataDir.isEmpty {
            throw ValidationError("--data-dir: the folder name is empty; give a folder holding the four IDX files")
        }
    }
}

extension MNIST.Variant: ExpressibleByArgument {}
