// swift-tools-version: 6.2
//
// Torchlet: learn how deep learning really works, in Swift.
//
// The engine (`Torchlet`) is compiled with optimisation even in debug builds, because
// `swift run LessonNN` builds in debug and a learner's first run should not crawl.
import PackageDescription

/// Optimise the numeric targets in debug builds too (DESIGN §3, "Fast where it matters").
let optimisedEvenInDebug: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug))
]

/// On Linux, `Float.squareRoot()` becomes a call to the C library's `sqrtf`, which may set `errno`
/// and so cannot be vectorised: Adam's update over 1.4M weights took 9 ms instead of 1.4 ms.
/// Telling the C importer that `errno` does not matter lets it use the CPU's square root.
let squareRootWithoutErrno: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-fno-math-errno"])
]

/// A lesson: an executable in `Lessons/<name>` that reads like a notebook (`swift run Lesson05`),
/// with its golden transcript beside it (`scripts/update-transcripts.sh` writes it).
func lesson(_ name: String, using extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name, dependencies: ["Torchlet", "Notebook", "Plot"] + extra, path: "Lessons/\(name)",
        exclude: ["\(name).transcript.txt"])
}

let package = Package(
    name: "Torchlet",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Torchlet", targets: ["Torchlet"]),
        .library(name: "Notebook", targets: ["Notebook"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "Datasets", targets: ["Datasets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: The engine
        .target(
            name: "Torchlet",
            dependencies: ["CBLAS"],
            swiftSettings: optimisedEvenInDebug + squareRootWithoutErrno
        ),

        // MARK: Data (DESIGN §7): IDX files, MNIST and Fashion-MNIST, downloads
        .target(
            name: "Datasets",
            dependencies: ["Torchlet", "CZlib"],
            swiftSettings: optimisedEvenInDebug
        ),

        // MARK: Plots
        .target(
            name: "GnuplotBridge",
            path: "Sources/GnuplotBridge",
            linkerSettings: [
                .linkedLibrary("boost_iostreams"),
                .linkedLibrary("boost_filesystem"),
            ]
        ),
        .target(
            name: "Plot",
            dependencies: ["GnuplotBridge"]
        ),

        // MARK: The lesson runtime
        .target(
            name: "Notebook",
            dependencies: [
                "Torchlet",
                "Plot",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Lessons
        // The training loop and evaluation of the image classifiers of Lessons 06 and 07.
        .target(name: "ClassifierTraining", dependencies: ["Torchlet", "Notebook", "Datasets"]),
        lesson("Lesson00"),
        lesson("Lesson01"),
        lesson("Lesson02"),
        lesson("Lesson03"),
        lesson("Lesson04"),
        lesson("Lesson05"),
        lesson("Lesson06", using: ["Datasets", "ClassifierTraining"]),
        lesson("Lesson07", using: ["Datasets", "ClassifierTraining"]),
        lesson("Lesson08"),

        // MARK: Exercises (DESIGN §6)
        // The checks are written once and run against either the learner's answers or the
        // reference answers; `swift run check` is the learner's command.
        .target(
            name: "ExerciseChecks",
            dependencies: ["Torchlet"]
        ),
        .target(
            name: "Exercises",
            dependencies: ["Torchlet", "ExerciseChecks"],
            path: "Exercises",
            exclude: ["README.md"]
        ),
        .target(
            name: "Solutions",
            dependencies: ["Torchlet", "ExerciseChecks"],
            path: "Solutions",
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "check",
            dependencies: [
                "ExerciseChecks", "Exercises", "Solutions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/check"
        ),

        // MARK: Benchmarks
        .executableTarget(
            name: "Benchmark",
            dependencies: ["Torchlet", "Plot"],
            path: "Benchmarks/Benchmark",
            swiftSettings: optimisedEvenInDebug
        ),

        // MARK: Tests
        .testTarget(name: "TorchletTests", dependencies: ["Torchlet"], exclude: ["Fixtures"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "Torchlet", "Plot"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Torchlet", "CZlib"]),
        .testTarget(
            name: "ExerciseChecksTests",
            dependencies: ["ExerciseChecks", "Exercises", "Solutions", "Torchlet", "check"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "LessonTests",
            dependencies: [
                "Lesson01", "Lesson02", "Lesson03", "Lesson04", "Lesson05", "Lesson06", "Lesson07", "Lesson08",
                "ClassifierTraining", "Torchlet", "Notebook",
            ]),
    ],
    cxxLanguageStandard: .cxx17
)
