#!/usr/bin/env bash
# Fuzzes one Jazzer @FuzzTest for a chosen time (README, "Testing: fuzz targets").
#
#   scripts/fuzz.sh MODULE 'fully.qualified.Class#method' SECONDS [SEED_DIR_OR_FILE...]
#   scripts/fuzz.sh loinc-catalog 'fr.segurbio.loinc.fuzz.LoincFuzzTest#catalogueCsv' 120
#   scripts/fuzz.sh cda-bio 'fr.segurbio.cda.fuzz.CrBioReaderFuzzTest#readCda' 300 ../shared/conformance/cda/ExemplesCDA
#
# Extra seeds (files, or the files of folders, up to SEED_MAX_BYTES each, 256 KiB by default) are copied into the
# generated corpus (.cifuzz-corpus/CLASS/METHOD under the module, not versioned); the target's committed seeds in
# src/test/resources/.../CLASSInputs/METHOD are always used. A finding is written there as crash-<sha1>: it then runs
# in every `mvn verify` as a regression test until the bug is fixed, and stays as one after.
# JAVA_HEAP (768m by default) bounds the fuzzing JVM; MVN_OFFLINE=0 lets Maven download.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
module=$1
target=$2
seconds=$3
shift 3
class=${target%%#*}
method=${target#*#}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/$module/.cifuzz-corpus/$class/$method"
mkdir -p "$corpus"
max=${SEED_MAX_BYTES:-262144}
for seed in "$@"; do
  find "$seed" -type f -size -"$((max + 1))"c -print0 | while IFS= read -r -d '' f; do
    cp "$f" "$corpus/seed-$(sha1sum "$f" | cut -c1-16)"
  done
done
offline=-o
[ "${MVN_OFFLINE:-1}" = 0 ] && offline=
cd "$root"
JAZZER_FUZZ=1 mvn $offline -B -pl "$module" -am test \
  -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -Dmaven.javadoc.skip=true \
  -DargLine="-Xmx${JAVA_HEAP:-768m} -XX:+UseParallelGC -XX:-OmitStackTraceInFastThrow" \
  -Dsegur.test.jit= -Djazzer.instrument='fr.segurbio.**' \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$seconds" \
  -Djazzer.internal.arg.2=-print_final_stats=1
