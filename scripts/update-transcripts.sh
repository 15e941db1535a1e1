#!/usr/bin/env bash
# Writes each lesson's golden transcript, Lessons/LessonNN/LessonNN.transcript.txt: the output
# of `LessonNN --quick --plot none --transcript` (plain text, no colour, no timings), which the
# test "the default --quick run prints the golden transcript" compares with every run.
#
#   scripts/update-transcripts.sh              # all nine lessons
#   scripts/update-transcripts.sh Lesson05     # one
#
# Review what changed with `git diff Lessons` before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
lessons=("$@")
if [ ${#lessons[@]} -eq 0 ]; then lessons=(Lesson00 Lesson01 Lesson02 Lesson03 Lesson04 Lesson05 Lesson06 Lesson07 Lesson08); fi
for lesson in "${lessons[@]}"; do swift build --product "$lesson" > /dev/null; done
# The last digits of a matrix product depend on OpenBLAS's CPU kernel: the transcripts are
# made with its Haswell (AVX2) kernel, as LessonProgramTests runs the lessons.
export OPENBLAS_CORETYPE=Haswell
bin="$(swift build --show-bin-path)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
for lesson in "${lessons[@]}"; do
    # Run where the tests run it, in an empty folder, so no file lands in the checkout.
    (cd "$scratch" && env -u COLUMNS "$bin/$lesson" --quick --plot none --transcript) > "Lessons/$lesson/$lesson.transcript.txt"
    echo "wrote Lessons/$lesson/$lesson.transcript.txt"
done
