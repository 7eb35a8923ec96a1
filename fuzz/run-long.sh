#!/usr/bin/env bash
# A long, recorded fuzz run of one target with the Jazzer CLI (not the JUnit fuzzing mode, which
# bounds a run by time only): libFuzzer's -runs counts inputs exactly and prints exec/s.
#
#   fuzz/run-long.sh PeerFrameFuzzTest 10000000        # 10 million inputs
#   fuzz/run-long.sh BlockViewFuzzTest 10000000 -jobs=1
#   fuzz/run-long.sh io.dashcast.tools.jsonrpc.JsonRpcBodyFuzzTest 10000000   # a target outside io.dashcast.fuzz
#   FUZZ_JAVA_OPTS=-Dfuzz.endpoint=memory fuzz/run-long.sh JsonRpcEndpointFuzzTest 10000000
#   FUZZ_INCLUDES='io.dashcast.**' fuzz/run-long.sh ConfigFuzzTest 10000000   # coverage of our code only
#   FUZZ_DISABLED_HOOKS=com.code_intelligence.jazzer.sanitizers.RegexRoadblocks ...  # more hooks off
#
# Needs a reactor build first (mvn -B -ntp -q -pl fuzz -am test-compile). The corpus grows in
# fuzz/target/corpus/TARGET (seeded from src/test/resources); findings land in fuzz/target/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?target class, e.g. PeerFrameFuzzTest}
runs=${2:-10000000}
shift 2 || true
cp_file=fuzz/target/fuzz-classpath.txt
if [[ ! -s $cp_file ]]; then
  mvn -B -ntp -q -pl fuzz -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$cp_file" -Dmdep.includeScope=test >/dev/null
fi
flags="$(sed -n 's/.*<dashcast.jvm.flags>\(.*\)<\/dashcast.jvm.flags>.*/\1/p' pom.xml) $(sed -n 's/.*<dashcast.vector.flags>\(.*\)<\/dashcast.vector.flags>.*/\1/p' pom.xml)"
class=$target
[[ $target == *.* ]] || class=io.dashcast.fuzz.$target
target=${target##*.}
corpus=${FUZZ_CORPUS:-fuzz/target/corpus/$target}
mkdir -p "$corpus" fuzz/target/findings
package_dir=$(tr . / <<<"${class%.*}")
seeds=$(ls -d "fuzz/src/test/resources/$package_dir/${target}Inputs"/* 2>/dev/null | head -1)
# shellcheck disable=SC2086
exec java $flags ${FUZZ_JAVA_OPTS:-} -Xmx1g -XX:MaxDirectMemorySize=512m -Dchronicle.analytics.disable=true \
  -cp "fuzz/target/test-classes:$(cat $cp_file)" com.code_intelligence.jazzer.Jazzer \
  --target_class="$class" \
  --instrumentation_includes="${FUZZ_INCLUDES:-io.dashcast.**:org.agrona.**:com.fasterxml.jackson.**:net.openhft.chronicle.wire.**}" \
  --disabled_hooks="com.code_intelligence.jazzer.sanitizers.ServerSideRequestForgery${FUZZ_DISABLED_HOOKS:+:$FUZZ_DISABLED_HOOKS}" \
  --reproducer_path=fuzz/target/findings -artifact_prefix=fuzz/target/findings/ \
  -runs="$runs" -max_total_time=86400 -print_final_stats=1 "$@" "$corpus" ${seeds:+"$seeds"}
