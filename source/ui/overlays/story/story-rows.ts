import type {ReclaimableItem} from '../../../analysis/types.js';
import type {FileVersion, PathNode} from '../../../model/types.js';
import {changeKindFacts} from '../../../model/change-kinds.js';
import {formatBytes} from '../../../text/bytes.js';
import {escapeText} from '../../../text/escape.js';
import {formatMode} from '../../format/mode.js';

/** One version of a path in the story panel: what its layer did, and which of its bytes nothing can see. */
export interface StoryRow {
	version: FileVersion;
	layer: number;
	change: string;
	/** For colour: the model's kind. */
	kind: FileVersion['change'];
	size: string;
	mode: string;
	owner: string;
	/** The content hash (the view shows its start), or where a link points. */
	hash: string;
	reclaimable: number;
	/** Why those bytes are hidden; empty when none are. */
	reason: string;
	/** The same, short, for narrow terminals: "overwritten (L1)", "whiteout (L4)". */
	shortReason: string;
}

/**
 * The panel's rows from the path's versions (the model's history, the same the one-line
 * story and `peel story` show) and the analysis's reclaimable items for the path. Pure.
 */
export function storyRows(node: PathNode, items: readonly ReclaimableItem[]): StoryRow[] {
	const mine = items.filter(item => item.path === node.path);
	const versions = node.versions;
	return versions.map((version, i) => {
		const previous = lastPresent(versions, i);
		const hidden = mine.filter(item => item.layer === version.layer);
		return {
			version,
			layer: version.layer,
			change: changeOf(version, previous),
			kind: version.change,
			size: version.change === 'removed' ? '' : version.type === 'dir' ? '' : formatBytes(version.size),
			mode: version.change === 'removed' ? '' : formatMode(version.type, version.mode),
			owner: version.change === 'removed' ? '' : `${version.uid}:${version.gid}`,
			hash: hashOf(version),
			reclaimable: hidden.reduce((sum, item) => sum + item.bytes, 0),
			reason: hidden.map(item => reasonOf(item, node)).join('; '),
			shortReason: hidden.map(item => shortReasonOf(item, node)).join('; '),
		};
	});
}

function lastPresent(versions: FileVersion[], before: number): FileVersion | null {
	for (let i = before - 1; i >= 0; i--) if (versions[i]!.change !== 'removed') return versions[i]!;
	return null;
}

/** The change in words; a modification that kept type, bytes and link is "metadata only" (a chmod/chown copies the file). */
function changeOf(version: FileVersion, previous: FileVersion | null): string {
	if (version.change === 'removed') return version.reason && version.reason !== 'whiteout' ? `removed (${version.reason})` : 'removed';
	if (version.change === 'modified' && previous && previous.type === version.type && previous.hash === version.hash && previous.linkTarget === version.linkTarget) return 'metadata only';
	return changeKindFacts[version.change].label;
}

function hashOf(version: FileVersion): string {
	if (version.type === 'symlink') return `→ ${escapeText(version.linkTarget ?? '', 60)}`;
	const hash = version.hash ?? version.linkedVersion?.hash ?? null;
	return hash ? escapeText(hash) : '';
}

/** Why the analysis counts these bytes: "hidden by layer 4's whiteout", "same bytes rewritten by layer 5". */
function reasonOf(item: ReclaimableItem, node: PathNode): string {
	const by = item.hiddenBy;
	if (by === item.layer) return item.reason === 'removed' ? `stored, then removed within layer ${by}` : `stored twice in layer ${by}: the later entry wins`;
	switch (item.reason) {
		case 'overwritten':
			return `overwritten by layer ${by}`;
		case 'rewritten-unchanged':
			return `same bytes rewritten by layer ${by}`;
		case 'metadata-only':
			return `copied again by layer ${by} for a mode/owner change`;
		case 'removed': {
			const removal = node.versions.find(v => v.layer === by);
			switch (removal?.reason) {
				case 'opaque':
					return `hidden by layer ${by}'s opaque directory`;
				case 'parent-removed':
					return `hidden: layer ${by} removed a parent directory`;
				case 'replaced':
					return `hidden: layer ${by} replaced a parent with a non-directory`;
				default:
					return `hidden by layer ${by}'s whiteout`;
			}
		}
	}
}

function shortReasonOf(item: ReclaimableItem, node: PathNode): string {
	const by = item.hiddenBy;
	if (by === item.layer) return `twice in L${by}`;
	switch (item.reason) {
		case 'overwritten':
			return `overwritten (L${by})`;
		case 'rewritten-unchanged':
			return `same bytes (L${by})`;
		case 'metadata-only':
			return `chmod copy (L${by})`;
		case 'removed': {
			const reason = node.versions.find(v => v.layer === by)?.reason;
			return `${reason === 'opaque' ? 'opaque' : reason === 'parent-removed' || reason === 'replaced' ? 'parent gone' : 'whiteout'} (L${by})`;
		}
	}
}
