import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import type {Worker} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {WorkerPool} from '../../source/layers/worker-pool.js';
import {tempDir} from '../helpers/temp-dir.js';

const dir = tempDir('peel-warm-');

/** A worker that says when it started, then echoes its thread id. */
function script(): URL {
	const file = path.join(dir, 'echo-worker.mjs');
	writeFileSync(file, "import {parentPort, threadId} from 'node:worker_threads';\nconst started = Date.now();\nparentPort.on('message', () => parentPort.postMessage({threadId, started}));\n");
	return pathToFileURL(file);
}

const ask = (worker: Worker) =>
	new Promise<{threadId: number; started: number}>(resolve => {
		worker.once('message', resolve);
		worker.postMessage('?');
	});

describe('WorkerPool.warmUp', () => {
	it('starts every worker ahead of the first task, and the tasks then run on those very threads', async () => {
		const pool = new WorkerPool(script(), 2);
		pool.warmUp();
		const warmedAt = Date.now();
		await new Promise(resolve => setTimeout(resolve, 300));
		const [a, b] = await Promise.all([pool.run(ask), pool.run(ask)]);
		expect(new Set([a!.threadId, b!.threadId]).size).toBe(2);
		// Both threads were already running before the tasks came.
		expect(Math.max(a!.started, b!.started)).toBeLessThan(warmedAt + 300);
		// Warming again with every worker alive starts none.
		pool.warmUp();
		const c = await pool.run(ask);
		expect([a!.threadId, b!.threadId]).toContain(c.threadId);
	});
});
