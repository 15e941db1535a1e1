@testable import Lesson05
import Testing
import Torchlet
