import {Worker} from 'node:worker_threads';

/** How long an idle worker is kept for the next layer before it is shut down. */
const IDLE_MS = 20;
/** How long a worker started ahead of time waits for its first layer. */
const WARM_MS = 10_000;

interface Pooled {
	worker: Worker;
	dead: boolean;
	idleTimer: NodeJS.Timeout | null;
}

/**
 * A few worker threads running one script, one task at a time each. Idle workers do not
 * keep the process alive and are shut down after a short while.
 */
export class WorkerPool {
	private readonly idle: Pooled[] = [];
	/** Tasks waiting for a worker, lowest priority number first. */
	private readonly waiting: Array<{priority: number; start: (pooled: Pooled) => void}> = [];
	private live = 0;

	constructor(
		private readonly script: URL,
		private readonly size: number,
	) {}

	/** Runs `task` on a free worker; when all are busy, waiting tasks start by `priority` (lowest first). */
	async run<T>(task: (worker: Worker) => Promise<T>, priority = Infinity): Promise<T> {
		const pooled = await this.acquire(priority);
		try {
			return await task(pooled.worker);
		} finally {
			this.release(pooled);
		}
	}

	/**
	 * Starts the workers now, before there is a layer for them: a thread's start (its own
	 * modules) then runs on another core while this one does something else, e.g. loads
	 * the terminal UI. Unused, they go after a while, as idle ones do.
	 */
	warmUp(): void {
		while (this.live < this.size) this.park(this.spawn(), WARM_MS);
	}

	private acquire(priority: number): Promise<Pooled> {
		const pooled = this.idle.pop();
		if (pooled) {
			if (pooled.idleTimer) clearTimeout(pooled.idleTimer);
			pooled.idleTimer = null;
			pooled.worker.ref();
			return Promise.resolve(pooled);
		}
		if (this.live < this.size) return Promise.resolve(this.spawn());
		return new Promise(start => {
			const at = this.waiting.findIndex(waiter => waiter.priority > priority);
			this.waiting.splice(at < 0 ? this.waiting.length : at, 0, {priority, start});
		});
	}

	private spawn(): Pooled {
		// A small young generation: a layer worker keeps little alive, and its garbage (and the
		// inflated chunks it holds on to) is then collected soon instead of piling up.
		const worker = new Worker(this.script, {resourceLimits: {maxYoungGenerationSizeMb: 8}});
		const pooled: Pooled = {worker, dead: false, idleTimer: null};
		this.live++;
		pooled.worker.on('error', () => {}); // the running task hears of it through 'exit'
		pooled.worker.on('exit', () => {
			if (pooled.dead) return;
			pooled.dead = true;
			this.live--;
			const at = this.idle.indexOf(pooled);
			if (at >= 0) this.idle.splice(at, 1);
			// Someone waiting gets a fresh worker in place of the one that died.
			const next = this.waiting.shift();
			if (next) next.start(this.spawn());
		});
		return pooled;
	}

	private release(pooled: Pooled): void {
		if (pooled.dead) return;
		const next = this.waiting.shift();
		if (next) {
			next.start(pooled);
			return;
		}
		this.park(pooled, IDLE_MS);
	}

	/** Idle, shut down after `ms` unless a task takes it; it does not keep the process alive. */
	private park(pooled: Pooled, ms: number): void {
		pooled.worker.unref();
		pooled.idleTimer = setTimeout(() => {
			pooled.idleTimer = null;
			const at = this.idle.indexOf(pooled);
			if (at >= 0) this.idle.splice(at, 1);
			pooled.dead = true;
			this.live--;
			void pooled.worker.terminate();
		}, ms).unref();
		this.idle.push(pooled);
	}
}
