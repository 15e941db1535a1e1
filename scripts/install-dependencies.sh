#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Torchlet builds and draws with, skipping those already
# installed. Used by the README's first command and by CI, so the list lives only here.
#
#   libopenblas-dev           OpenBLAS: the fast matrix product (cblas_sgemm)
#   libgnuplot-iostream-dev   the C++ interface the Plot target draws through
#   libboost-iostreams-dev    what gnuplot-iostream.h is built on
#   libboost-filesystem-dev
#   gnuplot-nox               the program that draws the figures (terminal, PNG, SVG)
#   zlib1g-dev                zlib: unpacks the .gz data files (MNIST, Fashion-MNIST)
#   dataset-fashion-mnist     the Fashion-MNIST images Lessons 06 and 07 train on, so they run
#                             without a network (optional: where the distribution lacks it, the
#                             lessons download the data instead)
set -euo pipefail

packages=(libopenblas-dev libgnuplot-iostream-dev libboost-iostreams-dev libboost-filesystem-dev gnuplot-nox zlib1g-dev)
optional=(dataset-fashion-mnist)

missing=()
missing_optional=()
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for package in "${packages[@]}"; do
    installed "$package" || missing+=("$package")
done
for package in "${optional[@]}"; do
    installed "$package" || missing_optional+=("$package")
done

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ]; then
    echo "All system packages are installed: ${packages[*]} ${optional[*]}"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
for package in "${missing_optional[@]}"; do
    if apt-cache show "$package" > /dev/null 2>&1; then
        echo "Installing: $package"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package"
    else
        echo "Note: $package is not in this distribution's packages; the lessons that need it download their data instead."
    fi
done
