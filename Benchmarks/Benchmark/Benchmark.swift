@main
struct Benchmark {
    static func main() { print("Benchmark") }
}
