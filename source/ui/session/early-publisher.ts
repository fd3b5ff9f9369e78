/**
 * Hands the image loaded so far to the screen now and then while the load goes on. Each
 * hand-over costs the screen a pass over every path (the explorer's index), on the thread
 * that also stacks the layers, so it happens at once for the first layer and then at most
 * every `minIntervalMs`, or eight times as long as the last one took (so at most a ninth of
 * the thread goes to it), whichever is longer; in between only the newest offer is kept.
 */
export class EarlyPublisher<Loaded> {
	private latest: (() => Loaded) | null = null;
	private timer: NodeJS.Timeout | null = null;
	private nextAt = 0;
	private stopped = false;

	constructor(
		private readonly publish: (loaded: Loaded) => void,
		private readonly minIntervalMs = 1000,
		private readonly now: () => number = () => performance.now(),
	) {}

	/** One more layer stacked: `soFar` takes the image as it is now. */
	offer = (soFar: () => Loaded): void => {
		if (this.stopped) return;
		this.latest = soFar;
		// Never from inside the loader's loop: a timer, even for the first.
		this.timer ??= setTimeout(this.flush, Math.max(0, this.nextAt - this.now()));
	};

	/** The load is done (or failed): nothing more is handed over. */
	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.latest = null;
	}

	private flush = (): void => {
		this.timer = null;
		const take = this.latest;
		this.latest = null;
		if (this.stopped || !take) return;
		const started = this.now();
		this.publish(take());
		const took = this.now() - started;
		this.nextAt = this.now() + Math.max(this.minIntervalMs, 8 * took);
	};
}
