import type {LoadProgress} from '../../load/progress.js';
import type {ExplorerData} from '../state/explorer-data.js';

/** `Data`: what the screen shows once loaded (the explorer's by default; peel diff's for the diff explorer). */
export type SessionSnapshot<Data = ExplorerData> =
	/** `cancel`: going back is possible (a platform switch), instead of only quitting. */
	| {phase: 'loading'; progress: LoadProgress | null; cancel?: () => void}
	/** `progress`: the load still under way behind an explorer that opened early (null once done). */
	| {phase: 'ready'; data: Data; progress?: LoadProgress | null};

/** Progress reaches React at most this often (progress events arrive per chunk). */
export const progressIntervalMs = 100;
/** Behind an early explorer: each frame redraws the whole explorer, on the thread that stacks the layers. */
export const earlyProgressIntervalMs = 500;

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
	/** An early screen is shown while the load goes on (see early()). */
	private loadingBehind = false;

	constructor(private readonly now: () => number = () => performance.now()) {}

	getSnapshot = (): SessionSnapshot<Data> => this.snapshot;

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	/** Throttled: the newest progress is published at most every progressIntervalMs. */
	reportProgress = (progress: LoadProgress): void => {
		if (this.snapshot.phase === 'ready' && !this.loadingBehind) return;
		this.pending = progress;
		if (this.timer) return;
		const wait = this.lastPublished + (this.loadingBehind ? earlyProgressIntervalMs : progressIntervalMs) - this.now();
		if (wait <= 0) this.flushProgress();
		else this.timer = setTimeout(this.flushProgress, wait);
	};

	/** Back to the loading view (another platform's image is being loaded). */
	loading(cancel?: () => void): void {
		this.cancelTimer();
		this.loadingBehind = false;
		this.lastPublished = 0;
		this.cancelLoading = cancel;
		this.publish({phase: 'loading', progress: null, cancel});
	}

	ready(data: Data): void {
		this.cancelTimer();
		this.cancelLoading = undefined;
		this.loadingBehind = false;
		this.publish({phase: 'ready', data});
	}

	/**
	 * The screen opens (or moves on) before the load is done: `data` is what is loaded so
	 * far, and progress keeps coming (throttled as in the loading view) until ready().
	 */
	early(data: Data): void {
		this.loadingBehind = true;
		const progress = this.snapshot.phase === 'loading' ? this.snapshot.progress : (this.snapshot.progress ?? null);
		this.publish({phase: 'ready', data, progress});
	}

	dispose(): void {
		this.cancelTimer();
		this.listeners.clear();
	}

	private flushProgress = (): void => {
		this.timer = null;
		if (!this.pending) return;
		const snapshot = this.snapshot;
		if (snapshot.phase === 'ready' && !this.loadingBehind) return;
		this.lastPublished = this.now();
		const progress = this.pending;
		this.pending = null;
		this.publish(snapshot.phase === 'loading' ? {phase: 'loading', progress, cancel: this.cancelLoading} : {phase: 'ready', data: snapshot.data, progress});
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
