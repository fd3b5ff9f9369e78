import type {LayerEntry} from '../layers/layer-entry.js';

/** dive's exported FileInfo (dive/filetree/file_info.go), field for field. */
export interface DiveFileInfo {
	path: string;
	typeFlag: number;
	linkName: string;
	size: number;
	fileMode: number;
	uid: number;
	gid: number;
	isDir: boolean;
}

// Go's fs.FileMode bits, as archive/tar's FileInfo().Mode() sets them.
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
const MODE_DEVICE = 2 ** 26;
const MODE_NAMED_PIPE = 2 ** 25;
const MODE_SETUID = 2 ** 23;
const MODE_SETGID = 2 ** 22;
const MODE_CHAR_DEVICE = 2 ** 21;
const MODE_STICKY = 2 ** 20;

export function goFileMode(entry: LayerEntry): number {
	let mode = entry.mode & 0o777;
	if (entry.mode & 0o4000) mode += MODE_SETUID;
	if (entry.mode & 0o2000) mode += MODE_SETGID;
	if (entry.mode & 0o1000) mode += MODE_STICKY;
	switch (entry.typeFlag) {
		case 50:
			return mode + MODE_SYMLINK;
		case 51:
			return mode + MODE_DEVICE + MODE_CHAR_DEVICE;
		case 52:
			return mode + MODE_DEVICE;
		case 53:
			return mode + MODE_DIR;
		case 54:
			return mode + MODE_NAMED_PIPE;
		default:
			return mode;
	}
}

/** A parent dive made up without a tar entry has Go's zero FileInfo. */
export const ZERO_FILE_INFO: DiveFileInfo = {path: '', typeFlag: 0, linkName: '', size: 0, fileMode: 0, uid: 0, gid: 0, isDir: false};

export function diveFileInfo(entry: LayerEntry | null): DiveFileInfo {
	if (!entry) return ZERO_FILE_INFO;
	return {
		path: entry.path,
		typeFlag: entry.typeFlag,
		linkName: entry.linkTarget ?? '',
		size: entry.size,
		fileMode: goFileMode(entry),
		uid: entry.uid,
		gid: entry.gid,
		isDir: entry.typeFlag === 53,
	};
}
