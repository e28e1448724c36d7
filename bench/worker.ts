/**
 * Runs one side of one benchmark case in this (fresh) process and prints
 * `{"ms": <timed duration>, "cpuMs": <CPU time of the timed part>, "maxRssKb": <peak RSS>}` as the
 * last line of stdout. CPU time is user + system time of the whole process (all its threads,
 * garbage collection included) during the timed part.
 * Usage: node -r ts-node/register/transpile-only bench/worker.ts <case file> <case id> <baseline|subject>
 */
import * as path from 'path';
import { BenchCase, InProcessSide } from './types';

async function main(): Promise<void> {
  const [file, id, sideName] = process.argv.slice(2);
  // Case files are TypeScript loaded through ts-node's require hook.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.resolve(file)) as { cases: BenchCase[] };
  const benchCase = mod.cases.find(c => c.id === id);
  if (!benchCase) throw new Error(`no case "${id}" in ${file}`);
  const side = (sideName === 'baseline' ? benchCase.baseline : benchCase.subject) as InProcessSide;
  const timed = await side.setup();
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await timed();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`\n${JSON.stringify({ ms, cpuMs, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

main().catch(err => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
