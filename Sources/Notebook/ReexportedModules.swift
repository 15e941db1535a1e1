// A lesson is a command-line program: it declares `@main struct LessonNN: ParsableCommand` and
// pulls in the shared flags with `@OptionGroup var common: CommonOptions`. Re-exporting
// ArgumentParser here means a lesson only writes `import Notebook` to get both, which keeps its
// source free of plumbing.
@_exported import ArgumentParser
