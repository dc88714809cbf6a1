// One benchmark process for the load generator's own cost; one JSON line of results.
//
//   node load.js <rounds> <seconds> <connections>   (PPROF_LENS_REPO: the repository)
//     the Go test service's /light handler (answers at once) loaded by autocannon in this process, as the
//     extension host runs it: responses per second, and this process's CPU (user + system, process.cpuUsage
//     around the run) per 1,000 responses, and the p99 of its event-loop delay meanwhile (what another task of
//     the host waits at worst, but for 1%). Medians of the rounds.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseLoadArgs } from '../src/load/loadArgs';
import { startLoad } from '../src/load/loadGenerator';
import { startGoService } from '../test/support/goService';

const [rounds, seconds, connections] = process.argv.slice(2).map(Number);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const service = await startGoService();
  try {
    const spec = parseLoadArgs({ url: `${service.url}/light`, seconds, connections }, { maxSeconds: 600, maxConnections: 1024, defaultConnections: connections, timeoutSeconds: 10 });
    const rps: number[] = [];
    const cpuPer1000: number[] = [];
    const requests: number[] = [];
    const delayP99: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const cpu0 = process.cpuUsage();
      const { summary } = await startLoad(spec).done;
      const cpu = process.cpuUsage(cpu0);
      delay.disable();
      delayP99.push(delay.percentile(99) / 1e6);
      if (summary.errors || summary.non2xx) throw new Error(`${summary.errors} errors, ${summary.non2xx} non-2xx against /light`);
      rps.push(summary.rps);
      requests.push(summary.requests);
      cpuPer1000.push((cpu.user + cpu.system) / 1000 / (summary.requests / 1000));
    }
    const result = { rps: median(rps), cpuMsPer1000: median(cpuPer1000), loopDelayP99Ms: median(delayP99), allLoopDelayP99Ms: delayP99.map((x) => Number(x.toFixed(1))), allRps: rps, allCpuMsPer1000: cpuPer1000.map((x) => Number(x.toFixed(1))), requests, seconds, connections };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await service.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`load bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
