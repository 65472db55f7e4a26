#!/usr/bin/env bash
# What the server adds to assistant replies (docs/benchmarks.md): starts the embedded server with
# CHAT_LLM_BASE_URL pointing at a fake OpenAI-compatible provider inside the benchmark JVM, then
# has 10 clients in one room receive W warm-up replies, then R measured replies, of 50 tokens each
# (10 ms apart: 200 replies take 100 s). Loopback only, bounded.
# Usage: bench/assistant-latency.sh [replies=200] [clients=10] [warm-up replies=200]
set -euo pipefail
cd "$(dirname "$0")/.."
replies="${1:-200}" clients="${2:-10}" warmup="${3:-200}"
port="${BENCH_PORT:-8199}" llm_port="${BENCH_LLM_PORT:-18189}"
export CHAT_LLM_BASE_URL="http://127.0.0.1:$llm_port/v1" CHAT_LLM_MODEL=bench
. bench/server.sh
# one JVM for the provider and the clients: a warm-up round, then the measured one
mvn -B -q -pl chat-ear exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.parley.chat.bench.AssistantLatency \
  -Dparley.fakeLlmPort="$llm_port" -Dexec.args="http://127.0.0.1:$port/ $replies $clients $warmup"
