// Preloaded with `node --require` into a process-side benchmark: on exit, writes the process's
// peak resident set size (KiB) and its CPU time (user + system, ms) to the file named by
// BENCH_RSS_FILE.
'use strict';
const fs = require('fs');
const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(target, `${usage.maxRSS} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}`);
  });
}
