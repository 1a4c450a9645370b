#!/usr/bin/env bash
# Where one run of the README's main job spends its time: a wall-clock timeline and the processor
# time of every process it starts.
#   - every output line stamped with the seconds since the command began, with the run's own
#     milestones (DBREFRESH_TIMELINE=1: moto answering, MariaDB started, seeding done, ...);
#   - every descendant process sampled from /proc ten times a second: its processor time
#     (user + system) per kind (the JVM, moto's Python, node, mariadbd, the rest), and the
#     processor time of all of them together at each milestone (load-independent, unlike wall time).
# Run it after one untimed run has built the command and filled the caches (a warm run).
#
#   bash docs/bench/local-run-profile.sh            # this checkout
#   bash docs/bench/local-run-profile.sh <checkout> # another checkout (its milestones if it has them)
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
here=$(cd "$(dirname "$0")/../.." && pwd)
out=$here/target/bench
mkdir -p "$out"
lines=$out/local-run-profile.log
samples=$out/local-run-profile.cpu
start=$(date +%s.%N)
# setsid: the command's processes are one group, the sampler follows them by their session
rm -f "$out/local-run-profile.pid"
(cd "$root" && echo "$BASHPID" >"$out/local-run-profile.pid" && DBREFRESH_TIMELINE=1 exec setsid ./dbrefresh run --local refresh-files/rds-latestpoint.json) 2>&1 \
  | START=$start perl -MTime::HiRes=time -ne 'BEGIN { $| = 1 } printf "%6.2f %s", time - $ENV{START}, $_' >"$lines" &
pipeline=$!
START=$start perl -MTime::HiRes=time,sleep -e '
  my $tck = 100; my %cpu; my %kind; my $sid;
  my $me = getppid();
  sub kind { my $c = shift; return "JVM" if $c =~ m{/java\b}; return "moto (Python)" if $c =~ /moto|python/;
             return "node (the engine)" if $c =~ m{\bnode\b}; return "mariadbd" if $c =~ /mariadbd/; return "other" }
  open my $o, ">", $ARGV[0] or die;
  my $idle = 0;
  while (1) {
    my $seen = 0;
    for my $d (glob "/proc/[0-9]*") {
      my $pid = substr $d, 6;
      open my $f, "<", "$d/stat" or next; my $s = <$f>; close $f; defined $s or next;
      $s =~ s/^.*\)\s+//; my @x = split / /, $s;
      # fields after the name: state ppid pgrp session ... utime(12) stime(13)
      my $session = $x[3];
      if (!defined $sid) { open my $p, "<", $ARGV[1] or next; $sid = <$p>; close $p; chomp $sid }
      next unless defined $sid && length $sid;
      next unless $session == $sid;
      $seen++;
      if (!exists $kind{$pid}) { open my $c, "<", "$d/cmdline" or next; my $cmd = <$c> // ""; close $c; $cmd =~ tr/\0/ /; $kind{$pid} = kind($cmd) }
      elsif ($kind{$pid} eq "other") { open my $c, "<", "$d/cmdline" or next; my $cmd = <$c> // ""; close $c; $cmd =~ tr/\0/ /; $kind{$pid} = kind($cmd) }
      $cpu{$pid} = ($x[11] + $x[12]) / $tck;
    }
    my $total = 0; $total += $_ for values %cpu;
    printf $o "%.2f %.2f\n", time - $ENV{START}, $total;
    if (defined $sid && length $sid && !$seen) { last }
    if (!defined $sid && ++$idle > 600) { last }
    sleep 0.1;
  }
  my %by; $by{$kind{$_}} += $cpu{$_} for keys %cpu;
  print $o "# $_ $by{$_}\n" for sort keys %by;
' "$samples" "$out/local-run-profile.pid" &
sampler=$!
wait "$pipeline"
end=$(date +%s.%N)
wait "$sampler"

echo "Timeline (seconds since the command began; processor seconds of all its processes so far):"
awk 'NR == FNR { if ($1 !~ /^#/) { t[++n] = $1; c[n] = $2 } next }
     function cpu(at,   i, v) { v = 0; for (i = 1; i <= n && t[i] <= at; i++) v = c[i]; return v }
     /timeline: |^ *[0-9.]+ AWS emulated|Refreshing |^ *[0-9.]+ Summary/ {
       line = $0; sub(/^ *[0-9.]+ /, "", line); sub(/^timeline: /, "", line)
       printf "  %6.2f s  %6.2f cpu s  %s\n", $1, cpu($1), substr(line, 1, 70) }' "$samples" "$lines"
printf '  %6.2f s  %6.2f cpu s  command ended\n' "$(echo "$end - $start" | bc)" "$(awk '!/^#/ { v = $2 } END { print v }' "$samples")"
echo "Processor time per process kind (s):"
sed -n 's/^# /  /p' "$samples"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
