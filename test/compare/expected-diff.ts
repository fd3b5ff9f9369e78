import type {UmociFile} from '../fixtures/umoci.js';

/** A path's state as both sides of the comparison are checked: what umoci's rootfs shows. */
export interface ExpectedState {
	type: string;
	size: number;
	mode: number;
	uid: number;
	gid: number;
	linkTarget: string | null;
}

export interface ExpectedDifference {
	path: string;
	change: 'added' | 'removed' | 'modified';
	contentChanged: boolean;
	metadataChanged: boolean;
	old: ExpectedState | null;
	new: ExpectedState | null;
}

function shown(file: UmociFile): ExpectedState {
	return {type: file.type, size: file.type === 'file' ? file.size : 0, mode: file.mode, uid: file.uid, gid: file.gid, linkTarget: file.linkTarget};
}

/**
 * The difference of two unpacked root filesystems (umoci's listings, walked with lstat),
 * computed without peel: every path present on one side only, or whose type, bytes or
 * link target (content) or mode and owner (metadata) differ. Sorted by path.
 */
export function expectedDifference(olds: Map<string, UmociFile>, news: Map<string, UmociFile>): ExpectedDifference[] {
	const out: ExpectedDifference[] = [];
	for (const path of new Set([...olds.keys(), ...news.keys()])) {
		const a = olds.get(path);
		const b = news.get(path);
		const full = `/${path}`;
		if (a && b) {
			const content = a.type !== b.type || a.sha256 !== b.sha256 || a.linkTarget !== b.linkTarget;
			const metadata = a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid;
			if (content || metadata) out.push({path: full, change: 'modified', contentChanged: content, metadataChanged: metadata, old: shown(a), new: shown(b)});
		} else if (a) {
			out.push({path: full, change: 'removed', contentChanged: false, metadataChanged: false, old: shown(a), new: null});
		} else {
			out.push({path: full, change: 'added', contentChanged: false, metadataChanged: false, old: null, new: shown(b!)});
		}
	}
	return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** peel's rows in the same terms (a hardlink is a regular file on disk; sizes only of files; sorted by path). */
export function asUnpacked(files: Array<ExpectedDifference & {old: any; new: any}>): ExpectedDifference[] {
	const state = (s: any): ExpectedState | null =>
		s === null ? null : {type: s.type === 'hardlink' ? 'file' : s.type, size: s.type === 'file' || s.type === 'hardlink' ? s.size : 0, mode: s.mode, uid: s.uid, gid: s.gid, linkTarget: s.type === 'hardlink' ? null : s.linkTarget};
	return files
		.map(f => ({path: f.path, change: f.change, contentChanged: f.contentChanged, metadataChanged: f.metadataChanged, old: state(f.old), new: state(f.new)}))
		.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
