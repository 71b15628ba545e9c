#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of scr-search from Debian 12 packages.
# Idempotent: packages already installed are left alone. Works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git ca-certificates
  # libraries the code links
  libxapian-dev libpoppler-cpp-dev libicu-dev libboost-program-options-dev
  libcairo2-dev libpango1.0-dev libqpdf-dev zlib1g-dev libzstd-dev libssl-dev
  libtesseract-dev libleptonica-dev tesseract-ocr-eng
  nlohmann-json3-dev libcpp-httplib-dev libcsv-dev
  # fonts the corpus generator renders with (Libertine has fi/fl ligatures)
  fonts-linuxlibertine fonts-dejavu-core fontconfig
  # tests (chromium: the web page's end-to-end test; curl: the demo's examples)
  catch2 poppler-utils qpdf chromium curl
  # packaging: man pages from --help, the .deb's dependencies (dpkg-shlibdeps), unit checks
  help2man dpkg-dev systemd
  # fuzzing (bench/fuzz.sh, the last stage of scripts/test.sh): clang and its libFuzzer runtime
  clang libclang-rt-14-dev
)

if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
