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
set -euo pipefail

packages=(libopenblas-dev libgnuplot-iostream-dev libboost-iostreams-dev libboost-filesystem-dev gnuplot-nox zlib1g-dev)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "All system packages are installed: ${packages[*]}"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
