#!/usr/bin/env bash
# Writes the course as pages: runs each lesson with --page (plus the flags given here), then
# writes plots/index.html, which links the nine pages. The plots folder can then be published
# or handed out as it is: every page is self-contained.
#
#   scripts/course-pages.sh --quick        # all nine in under a minute, tiny sizes
#   scripts/course-pages.sh                # the real runs (Lesson07 takes a few minutes)
#   scripts/course-pages.sh --seed 7       # any flag every lesson takes
#
# Open plots/index.html in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."
lessons=(Lesson00 Lesson01 Lesson02 Lesson03 Lesson04 Lesson05 Lesson06 Lesson07 Lesson08)
swift build > /dev/null
bin="$(swift build --show-bin-path)"
for lesson in "${lessons[@]}"; do
    echo "running $lesson $*"
    "$bin/$lesson" --page --plot png "$@" > /dev/null
done
escape() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }
{
    echo '<!DOCTYPE html>'
    echo '<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8" />'
    echo '<title>Torchlet: the course</title>'
    echo '<style>body { font: 17px/1.6 "DejaVu Sans", sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1.5rem; }'
    echo 'li { margin: .4rem 0; } .flags { color: #666; font-size: .9rem; }</style></head><body>'
    echo '<h1>Torchlet: learn how deep learning really works</h1>'
    echo "<p class=\"flags\">Each page is one run of a lesson ($(printf '%s' "--page --plot png $*" | escape)), with its code, output and figures.</p><ol start=\"0\">"
    for lesson in "${lessons[@]}"; do
        title="$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "plots/$lesson/$lesson.html" | head -1)"
        echo "<li><a href=\"$lesson/$lesson.html\">$title</a></li>"
    done
    echo '</ol></body></html>'
} > plots/index.html
echo "wrote plots/index.html"
