import type {LoadProgress} from '../../load/progress.js';
import type {ExplorerData} from '../state/explorer-data.js';

export type SessionSnapshot =
	| {phase: 'loading'; progress: LoadProgress | null}
	| {phase: 'ready'; data: ExplorerData};

/** Progress reaches React at most this often (progress events arrive per chunk). */
export const progressIntervalMs = 100;

/**
 * What the TUI shows while it lives: loading progress, then the explorer. An external
 * store (read with useSyncExternalStore) so loading code never touches React.
 */
export class LoadSession {
	private snapshot: SessionSnapshot = {phase: 'loading', progress: null};
	private readonly listeners = new Set<() => void>();
	private pending: LoadProgress | null = null;
	private timer: NodeJS.Timeout | null = null;
	private lastPublished = 0;

	constructor(private readonly now: () => number = () => performance.now()) {}

	getSnapshot = (): SessionSnapshot => this.snapshot;

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** Throttled: the newest progress is published at most every progressIntervalMs. */
	reportProgress = (progress: LoadProgress): void => {
		if (this.snapshot.phase !== 'loading') return;
		this.pending = progress;
		if (this.timer) return;
		const wait = this.lastPublished + progressIntervalMs - this.now();
		if (wait <= 0) this.flushProgress();
		else this.timer = setTimeout(this.flushProgress, wait);
	};

	ready(data: ExplorerData): void {
		this.cancelTimer();
		this.publish({phase: 'ready', data});
	}

	dispose(): void {
		this.cancelTimer();
		this.listeners.clear();
	}

	private flushProgress = (): void => {
		this.timer = null;
		if (!this.pending || this.snapshot.phase !== 'loading') return;
		this.lastPublished = this.now();
		const progress = this.pending;
		this.pending = null;
		this.publish({phase: 'loading', progress});
	};

	private cancelTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.pending = null;
	}

	private publish(snapshot: SessionSnapshot): void {
		this.snapshot = snapshot;
		for (const listener of this.listeners) listener();
	}
}
