// Headless report over model/: `node dist/cli.js top <file> [options]`. See DESIGN.md.
import { readFileSync } from 'node:fs';
import { decodeProfile } from './model/decode';
import { ProfileError } from './model/profile';

function main(argv: string[]): number {
  const [cmd, file] = argv;
  if (cmd !== 'top' || !file) {
    process.stderr.write('usage: cli.js top <file> [--sample_index=NAME|N] [--granularity=functions|lines] [--json]\n');
    return 2;
  }
  try {
    const p = decodeProfile(readFileSync(file));
    process.stdout.write(`${p.sampleCount} samples\n`);
    return 0;
  } catch (e) {
    const msg = e instanceof ProfileError ? `${file}: ${e.message}` : `${file}: ${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(msg + '\n');
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
