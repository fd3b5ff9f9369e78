/**
 * `node build/test/commands/bench-cat.js [IMAGE PATH LAYER]`: the cat figures of
 * `npm run bench` alone (see test/bench/cat-bench.ts) — reading one file late in the
 * biggest layer, the viewer's first window and `peel cat`, against
 * `gzip -dc LAYER | tar -xO PATH` in the same run. Default: the last entry of layer 0
 * (the biggest layer) of the bench image.
 */
import {ensureBenchImage} from '../bench/bench-image.js';
import {runCatBench} from '../bench/cat-bench.js';

const layout = process.argv[2] ?? (await ensureBenchImage(console.log));
await runCatBench(layout, Number(process.env['BENCH_RUNS'] ?? 3), process.argv[3], process.argv[4] === undefined ? undefined : Number(process.argv[4]));
