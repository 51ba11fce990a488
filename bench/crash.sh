#!/usr/bin/env bash
# Crash test for kb: `bash bench/crash.sh [KILLS] [EVENTS]` (defaults 20 and 50000), from any folder.
#
# The script version of tests/reliability/crash.rs, on a release build. It writes a big valid seed
# (the shipped seed plus EVENTS synthetic events and two participants for each), loads the shipped
# seed into OLD, times one complete `kb init --seed BIG` into a copy of OLD (duration D), then KILLS
# times: copies OLD, starts `kb init --seed BIG` on the copy, sleeps a pseudo-random moment of the
# i-th KILLS-th of D (a fixed-seed LCG: the same moments on every run), sends SIGKILL, and checks
# the copy: `kb check` must pass and the content (seed digest and rows of events and
# event_participants) must be exactly OLD's or exactly NEW's. It ends with
#   N of N kills left a valid file (k old, m new)
# and exits 1 if any kill left anything else.
#
# A kill during the commit leaves a hot rollback journal, which a read-only connection (`kb check`,
# `kb sql`, `kb report`) cannot play back; `kb migrate status` opens the file read-write, which
# plays it back, so it runs before the check. Environment: CRASH_TMPDIR (default $TMPDIR or /tmp).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

KILLS="${1:-20}"
EVENTS="${2:-50000}"
for n in "$KILLS" "$EVENTS"; do
    if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
        echo "usage: bash bench/crash.sh [KILLS] [EVENTS]   (whole numbers >= 1)" >&2
        exit 2
    fi
done

WORK="$(mktemp -d "${CRASH_TMPDIR:-${TMPDIR:-/tmp}}/kb-crash.XXXXXX")"
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cargo build --release --quiet
cp target/release/kb "$WORK/kb"
KB="$WORK/kb"

# ---------------------------------------------------------------------------------------------
# The big seed. Every quote is a sentence of the source text (checked below), every reference
# points at a row of the shipped seed or of this file, every date is a real one.
BIG="$WORK/big"
cp -r seed "$BIG"
SOURCE_TEXT="$BIG/sources/kazakhstan-poland-relations.txt"
QUOTES=(
    "Poland and Kazakhstan established formal diplomatic relations in 1992."
    "A double tax avoidance agreement was signed between the countries in 1995."
    "Trade turnover between the two countries exceeded \$2.2 billion in 2014."
    "LOT Polish Airlines operates a service from Warsaw to Astana."
    "The Poles suffered from epidemics and famine and many died."
)
for q in "${QUOTES[@]}"; do
    grep -qF -- "$q" "$SOURCE_TEXT" || { echo "crash.sh: the source text lacks: $q" >&2; exit 1; }
done
for f in events.csv event_participants.csv; do
    [ -z "$(tail -c 1 "$BIG/$f")" ] || echo >> "$BIG/$f"
done
awk -v n="$EVENTS" -v q="$(printf '%s\n' "${QUOTES[@]}")" \
    -v ev="$BIG/events.csv" -v pa="$BIG/event_participants.csv" '
BEGIN {
    nq = split(q, quotes, "\n")
    split("nursultan-nazarbayev aleksander-kwasniewski lech-kaczynski andrzej-duda", persons, " ")
    src = "wikipedia-kazakhstan-poland-relations"
    for (i = 0; i < n; i++) {
        id = sprintf("synthetic-event-%07d", i)
        year = 1900 + (i * 7) % 125; month = 1 + (i * 5) % 12; day = 1 + (i * 3) % 28
        k = i % 4
        date = k == 0 ? "" : k == 1 ? year : k == 2 ? sprintf("%d-%02d", year, month) \
             : sprintf("%d-%02d-%02d", year, month, day)
        country = i % 2 ? "PL" : "KZ"
        quote = quotes[i % nq + 1]
        printf "%s,meeting,,Synthetic meeting number %d,%s,,%s,,,A synthetic meeting for the crash test.,%s,%s\n", \
            id, i, date, country, src, quote >> ev
        printf "%s,guest,%s,,,%s,%s\n", id, persons[i % 4 + 1], src, quote >> pa
        printf "%s,host,,%s,,%s,%s\n", id, country, src, quote >> pa
    }
}'

# ---------------------------------------------------------------------------------------------
now() { date +%s.%N; }
# state FILE: seed digest and rows of events and event_participants, or why it cannot be read.
state() {
    "$KB" --db "$1" sql "SELECT coalesce((SELECT seed_sha256 FROM seed_state), 'none') || ' '
        || (SELECT count(*) FROM events) || ' ' || (SELECT count(*) FROM event_participants)" \
        --format csv 2>&1 | tail -n 1
}

"$KB" --db "$WORK/old.db" init > /dev/null
OLD="$(state "$WORK/old.db")"
cp "$WORK/old.db" "$WORK/new.db"
t0="$(now)"
if ! "$KB" --db "$WORK/new.db" init --seed "$BIG" > "$WORK/new.out" 2>&1; then
    echo "crash.sh: the complete load of the big seed failed:" >&2
    cat "$WORK/new.out" >&2
    exit 1
fi
D="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')"
NEW="$(state "$WORK/new.db")"
echo "kb init --seed BIG ($EVENTS extra events) into a copy of the shipped knowledge base: ${D} s"
echo "  old: $OLD"
echo "  new: $NEW"

# A fixed-seed LCG (glibc's constants): kill i lands at D * (i + LCG / 2^31) / KILLS.
LCG=20240607

valid=0 old=0 new=0
for (( i = 0; i < KILLS; i++ )); do
    LCG=$(( (LCG * 1103515245 + 12345) % 2147483648 ))
    at="$(awk -v d="$D" -v i="$i" -v s="$LCG" -v k="$KILLS" \
        'BEGIN { printf "%.3f", d * (i + (s + 0.5) / 2147483648) / k }')"
    db="$WORK/kill-$i.db"
    cp "$WORK/old.db" "$db"
    "$KB" --db "$db" init --seed "$BIG" > /dev/null 2>&1 &
    pid=$!
    sleep "$at"
    kill -9 "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
    hot=""
    if [ -s "$db-journal" ] && [ "$(head -c 1 "$db-journal" | od -An -tu1 | tr -d ' ')" != 0 ]; then
        hot=" (hot journal rolled back)"
    fi
    "$KB" --db "$db" migrate status > /dev/null 2>&1 || true
    if ! "$KB" --db "$db" check > "$WORK/check.out" 2>&1; then
        echo "  kill $i at ${at} s: INVALID: kb check: $(head -n 3 "$WORK/check.out")"
        continue
    fi
    got="$(state "$db")"
    if [ "$got" = "$OLD" ]; then
        old=$((old + 1)) valid=$((valid + 1))
        echo "  kill $i at ${at} s: old$hot"
    elif [ "$got" = "$NEW" ]; then
        new=$((new + 1)) valid=$((valid + 1))
        echo "  kill $i at ${at} s: new$hot"
    else
        echo "  kill $i at ${at} s: INVALID: neither old nor new: $got"
    fi
    rm -f "$db" "$db-journal"
done

echo "$valid of $KILLS kills left a valid file ($old old, $new new)"
[ "$valid" -eq "$KILLS" ]
