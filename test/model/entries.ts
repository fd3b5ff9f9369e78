import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {createHash} from 'node:crypto';
import {classifyName} from '../../source/layers/classify-entry.js';
import {contentHash} from '../../source/layers/decode-layer.js';

type Kind = 'file' | 'dir' | 'symlink' | 'hardlink';

const contents = new Map<string, string>();

/** The content hash the reader gives `content` (and remembered, for contentOf). */
export function hashOf(content: string): string {
	const hash = contentHash(createHash('sha256').update(content).digest('base64url'));
	contents.set(hash, content);
	return hash;
}

/** What hashOf was given for `hash`: readable assertions. */
export function contentOf(hash: string | null): string | undefined {
	return hash === null ? undefined : contents.get(hash);
}

/** A LayerEntry as the reader would produce it, for pure model tests. */
export function entry(path: string, kind: Kind = 'file', options: Partial<LayerEntry> & {content?: string} = {}): LayerEntry {
	const content = options.content ?? (kind === 'file' ? `content of ${path}` : '');
	const flags: Record<Kind, number> = {file: 48, hardlink: 49, symlink: 50, dir: 53};
	return {
		path,
		kind: kind === 'file' || kind === 'dir' ? classifyName(path, kind) : kind,
		typeFlag: flags[kind],
		size: kind === 'file' ? Buffer.byteLength(content) : 0,
		mode: kind === 'dir' ? 0o755 : 0o644,
		uid: 0,
		gid: 0,
		linkTarget: null,
		hash: kind === 'file' ? hashOf(content) : null,
		...options,
	};
}

export const dir = (path: string, options: Partial<LayerEntry> = {}) => entry(path, 'dir', options);
export const file = (path: string, content?: string, options: Partial<LayerEntry> = {}) => entry(path, 'file', {content, ...options});
export const symlink = (path: string, target: string) => entry(path, 'symlink', {linkTarget: target});
export const hardlink = (path: string, target: string) => entry(path, 'hardlink', {linkTarget: target});
export const whiteout = (dirPath: string, name: string) => entry(`${dirPath ? dirPath + '/' : ''}.wh.${name}`, 'file', {content: ''});
export const opaque = (dirPath: string) => entry(`${dirPath}/.wh..wh..opq`, 'file', {content: ''});
