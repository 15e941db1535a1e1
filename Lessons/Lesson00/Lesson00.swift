@main
struct Lesson00 {
    static func main() { print("Lesson00") }
}
