#!/usr/bin/env bash
# Where the pipeline's time goes: runs the pipeline benchmark once (C = 16, closed loop) and,
# while it runs, samples the CPU of each process (Azurite, the local host, the benchmark) every
# second, records the local host's runtime counters with dotnet-counters and a 20 s CPU sample
# with dotnet-trace. Both tools are installed from NuGet into .tools/dotnet. Output: bench/out/.
#   bench/profile.sh [extra benchmark arguments, e.g. --n 2000]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tools=.tools/dotnet
out=bench/out
mkdir -p "$tools" "$out"
for tool in dotnet-counters dotnet-trace; do
  [ -x "$tools/$tool" ] || dotnet tool install --tool-path "$tools" "$tool" --version 10.0.750501 >/dev/null
done

dotnet build bench/Intake.Pipeline.Benchmark -c Release --nologo -clp:ErrorsOnly >/dev/null
dotnet run -c Release --no-build --project bench/Intake.Pipeline.Benchmark -- --concurrency 16 --count-n 50 "$@" >"$out/benchmark.txt" 2>/dev/null &
bench=$!
sleep 3
bench=$(pgrep -f 'Intake.Pipeline.Benchmark.dll' | head -1 || echo $bench)

# The local host of the first (service) run.
host=""
for _ in $(seq 1 120); do
  host=$(pgrep -f 'Intake.LocalHost.dll' | head -1 || true)
  [ -n "$host" ] && break
  sleep 0.5
done
azurite=$(pgrep -f 'node_modules/.bin/azurite' | tail -1 || true)
echo "local host $host, azurite $azurite, benchmark $bench"

"$tools/dotnet-counters" collect -p "$host" --format csv -o "$out/counters.csv" \
  --counters System.Runtime,Microsoft.AspNetCore.Hosting,System.Net.Http --refresh-interval 1 >/dev/null 2>&1 &
counters=$!
sleep 5
"$tools/dotnet-trace" collect -p "$host" --profile dotnet-sampled-thread-time --duration 00:00:00:20 -o "$out/localhost.nettrace" >/dev/null 2>&1 || true

# CPU per process, one line a second, while the service run lasts (% of one core).
echo "second,azurite,localhost,benchmark" >"$out/cpu.csv"
prev() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
a0=$(prev "$azurite"); h0=$(prev "$host"); b0=$(prev "$bench")
for s in $(seq 1 30); do
  sleep 1
  kill -0 "$host" 2>/dev/null || break
  a1=$(prev "$azurite"); h1=$(prev "$host"); b1=$(prev "$bench")
  echo "$s,$((a1-a0)),$((h1-h0)),$((b1-b0))" >>"$out/cpu.csv"
  a0=$a1; h0=$h1; b0=$b1
done
kill "$counters" 2>/dev/null || true
while kill -0 "$bench" 2>/dev/null; do sleep 1; done
"$tools/dotnet-trace" report "$out/localhost.nettrace" topN -n 25 --inclusive >"$out/top-inclusive.txt" 2>&1 || true
"$tools/dotnet-trace" report "$out/localhost.nettrace" topN -n 25 >"$out/top-exclusive.txt" 2>&1 || true
cat "$out/benchmark.txt"
echo "CPU per process (% of one core, per second):"; column -s, -t "$out/cpu.csv" | head -40
