import type {IndexEntry} from '../../../sources/image-handle.js';
import {formatPlatform} from '../../../sources/platform.js';
import type {ExplorerData} from '../../state/explorer-data.js';
import type {PlatformRow} from './platforms-state.js';

/** The index's entries of the image shown: from the session when it can switch, else the handle's own. */
function entriesOf(data: ExplorerData): {entries: IndexEntry[]; chosen: string | null} {
	if (data.platforms) return {entries: data.platforms.entries, chosen: data.platforms.chosen};
	return {entries: data.image.handle.indexEntries ?? [], chosen: data.image.handle.digest};
}

/** One row per index entry, in index order. */
export function platformRows(data: ExplorerData): PlatformRow[] {
	const {entries, chosen} = entriesOf(data);
	const loaded = data.platforms?.loaded;
	return entries.map(entry => ({
		digest: entry.digest,
		// An attestation's unknown/unknown is no platform: its row says what it is instead.
		text: entry.attestation ? '—' : entry.platform ? formatPlatform(entry.platform) : 'no platform given',
		attestation: entry.attestation,
		missing: entry.missing === true,
		chosen: entry.digest === chosen,
		// The shown image's size is known once it has loaded.
		sizeBytes: loaded?.get(entry.digest) ?? (entry.digest === chosen && !data.image.pending ? data.image.analysis.dive.sizeBytes : null),
	}));
}

/** The image's own platform text, for the single-platform notice. */
export function shownPlatform(data: ExplorerData): string {
	const {platform, config} = data.image.handle;
	if (platform) return formatPlatform(platform);
	return config.os && config.architecture ? formatPlatform({os: config.os, architecture: config.architecture, variant: config.variant}) : 'platform unknown';
}
