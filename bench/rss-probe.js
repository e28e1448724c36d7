// Preloaded with `node --require` into a process-side benchmark: on exit, writes the process's
// peak resident set size (KiB) to the file named by BENCH_RSS_FILE.
'use strict';
const fs = require('fs');
const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
