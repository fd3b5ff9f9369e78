import {isPeelError, PeelError} from '../../errors.js';
import {internalErrorMessage} from '../../internal-error.js';
import type {AnalyzedImage} from '../../load/analyzed-image.js';
import type {ProgressListener} from '../../load/progress.js';
import type {IndexEntry, Platform} from '../../sources/image-handle.js';
import {formatPlatform} from '../../sources/platform.js';
import {shortDigest} from '../../sources/registry/digest.js';
import {oneLine} from '../../text/escape.js';
import type {PlatformChoices} from '../overlays/platforms/platform-choices.js';
import {buildExplorerData, type ExplorerData} from '../state/explorer-data.js';
import type {LoadSession} from './load-session.js';

/** Opens and loads the image of one index entry (the same input, that entry picked). */
export type PlatformLoader = (choice: {digest: string; platform: Platform | null}, onProgress: ProgressListener, signal: AbortSignal) => Promise<AnalyzedImage>;

/** Loaded images kept for instant switching; the least recently shown beyond this is released. */
export const keptImages = 4;

/**
 * Switches the explorer between the platforms of the image's index: the chosen entry's
 * image is loaded under the loading view, then shown; images already loaded are shown at
 * once. A failed load returns to the image that was shown, with the reason in one line.
 */
export class PlatformSwitcher {
	/** In order of last use, the most recent last. */
	private readonly kept = new Map<string, ExplorerData>();
	private entries: IndexEntry[] = [];
	private current: string | null = null;
	private controller: AbortController | null = null;
	private running: Promise<void> = Promise.resolve();
	private disposed = false;

	constructor(
		private readonly session: LoadSession,
		private readonly load: PlatformLoader,
		private readonly limit = keptImages,
	) {}

	/** The first image: its index is the list offered from now on. */
	ready(data: ExplorerData): void {
		const handle = data.image.handle;
		this.entries = handle.indexEntries ?? [];
		this.current = handle.digest;
		if (this.current) this.keep(this.current, data);
		this.publish(data, null);
	}

	/** The first image, still loading: shown, not kept (ready() follows with the whole of it). */
	early(data: ExplorerData): void {
		this.entries = data.image.handle.indexEntries ?? [];
		this.current = data.image.handle.digest;
		const platforms: PlatformChoices = {entries: this.entries, chosen: this.current, loaded: new Map(), notice: null, switchTo: this.switchTo};
		this.session.early({...data, platforms});
	}

	switchTo = (digest: string): void => {
		if (this.disposed || this.controller || digest === this.current) return;
		const shown = this.current ? this.kept.get(this.current) : undefined;
		const cached = this.kept.get(digest);
		if (cached) {
			this.current = digest;
			this.keep(digest, cached);
			this.publish(cached, null);
			return;
		}
		const entry = this.entries.find(candidate => candidate.digest === digest);
		if (!entry || !shown) return;
		const controller = new AbortController();
		this.controller = controller;
		const what = entry.platform ? formatPlatform(entry.platform) : shortDigest(digest);
		// Esc in the loading view: back to the image shown, the load stopped.
		this.session.loading(() => {
			if (this.controller !== controller) return;
			controller.abort();
			this.controller = null;
			this.publish(shown, `loading ${what} cancelled`);
		});
		// The loading view's title names the platform: the reference is the same for all.
		const onProgress: ProgressListener = progress => this.session.reportProgress({...progress, reference: `${progress.reference} (${what})`});
		this.running = this.load({digest, platform: entry.platform}, onProgress, controller.signal)
			.then(image => {
				if (image.handle.digest !== digest) {
					void image.handle.close();
					throw new PeelError(`the source gave ${image.handle.digest ? shortDigest(image.handle.digest) : 'an image without a digest'}, not ${shortDigest(digest)}`);
				}
				if (controller.signal.aborted) {
					void image.handle.close();
					return;
				}
				const data = buildExplorerData(image);
				this.current = digest;
				this.keep(digest, data);
				this.publish(data, null);
			})
			.catch((error: unknown) => {
				if (controller.signal.aborted) return;
				const reason = isPeelError(error) ? error.message : internalErrorMessage(error);
				this.publish(shown, oneLine(`${what} could not be loaded: ${reason}`));
			})
			.finally(() => {
				if (this.controller === controller) this.controller = null;
			});
	};

	/** Stops a load under way; the caller closes the handles. */
	dispose(): void {
		this.disposed = true;
		this.controller?.abort();
	}

	/** Settles when no load is running. */
	settled(): Promise<void> {
		return this.running;
	}

	private keep(digest: string, data: ExplorerData): void {
		this.kept.delete(digest);
		this.kept.set(digest, data);
		for (const [old, oldData] of this.kept) {
			if (this.kept.size <= this.limit) break;
			if (old === this.current) continue;
			this.kept.delete(old);
			// Its layer blobs stay readable (viewer, extract) only while the handle is open.
			void oldData.image.handle.close();
		}
	}

	private publish(data: ExplorerData, notice: string | null): void {
		const sizes = new Map([...this.kept].map(([digest, kept]) => [digest, kept.image.analysis.dive.sizeBytes]));
		const platforms: PlatformChoices = {entries: this.entries, chosen: this.current, loaded: sizes, notice, switchTo: this.switchTo};
		this.session.ready({...data, platforms});
	}
}
