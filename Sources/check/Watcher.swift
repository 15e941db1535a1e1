import ExerciseChecks
struct Watcher { let selection: [String]; let exercises: [Exercise]; let folder: PackageFolder; func run() throws {} }
