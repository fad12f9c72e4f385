#!/bin/sh
# Builds the Java driver with the JDK alone (javac 17, no download): classes go to build/.
set -eu
cd "$(dirname "$0")"
rm -rf build
javac -d build --release 17 -Xlint:all -Werror src/toro/*.java
