import type {LoadProgress} from '../../load/progress.js';
import type {ExplorerData} from '../state/explorer-data.js';

/** `Data`: what the screen shows once loaded (the explorer's by default; peel diff's for the diff explorer). */
export type SessionSnapshot<Data = ExplorerData> =
	/** `cancel`: going back is possible (a platform switch), instead of only quitting. */
	| {phase: 'loading'; progress: LoadProgress | null; cancel?: () => void}
	| {phase: 'ready'; data: Data};

/** Progress reaches React at most this often (progress events arrive per chunk). */
export const progressIntervalMs = 100;

/**
 * What the TUI shows while it lives: loading progress, then the explorer. An external
 * store (read with useSyncExternalStore) so loading code never touches React.
 */
export class LoadSession<Data = ExplorerData> {
	private snapshot: SessionSnapshot<Data> = {phase: 'loading', progress: null};
	private readonly listeners = new Set<() => void>();
	private pending: LoadProgress | null = null;
	private cancelLoading: (() => void) | undefined = undefined;
	private timer: NodeJS.Timeout | null = null;
	private lastPublished = 0;

	constructor(private readonly now: () => number = () => performance.now()) {}

	getSnapshot = (): SessionSnapshot<Data> => this.snapshot;

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

	/** Back to the loading view (another platform's image is being loaded). */
	loading(cancel?: () => void): void {
		this.cancelTimer();
		this.lastPublished = 0;
		this.cancelLoading = cancel;
		this.publish({phase: 'loading', progress: null, cancel});
	}

	ready(data: Data): void {
		this.cancelTimer();
		this.cancelLoading = undefined;
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
		this.publish({phase: 'loading', progress, cancel: this.cancelLoading});
	};

	private cancelTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		this.pending = null;
	}

	private publish(snapshot: SessionSnapshot<Data>): void {
		this.snapshot = snapshot;
		for (const listener of this.listeners) listener();
	}
}
