import {existsSync, statSync} from 'node:fs';
import {PeelError} from '../errors.js';

export type SourceChoice = 'docker' | 'podman' | 'registry';

export type ImageInput =
	| {kind: 'archive'; path: string; tag?: string; reference: string}
	| {kind: 'oci-dir'; path: string; tag?: string; reference: string}
	| {kind: 'registry'; reference: string}
	| {kind: 'engine'; engine: 'docker' | 'podman'; reference: string};

/** `PATH:TAG` where PATH exists and TAG has no slash; else the whole text is the path. */
function splitTag(text: string): {path: string; tag?: string} {
	if (existsSync(text)) return {path: text};
	const colon = text.lastIndexOf(':');
	if (colon > 0 && !text.slice(colon + 1).includes('/') && existsSync(text.slice(0, colon))) {
		return {path: text.slice(0, colon), tag: text.slice(colon + 1) || undefined};
	}
	return {path: text};
}

function looksLikePath(text: string): boolean {
	return /^(\/|\.\.?\/|~)/.test(text) || /\.(tar|tgz|tar\.gz|tar\.zst|tar\.zstd)$/i.test(text) || text.includes('\\');
}

/**
 * What the user named: `docker-archive://PATH`, `oci-archive://PATH`, `oci://DIR[:TAG]`,
 * `docker://REF`, `podman://REF`, `registry://REF`, an existing file or directory
 * (detected by content), else a registry reference. `--source` forces the reference's source.
 */
export function resolveInput(input: string, source?: SourceChoice): ImageInput {
	const scheme = /^([a-z-]+):\/\/(.*)$/.exec(input);
	if (scheme) {
		const [, name, rest] = scheme as unknown as [string, string, string];
		if (!rest) throw new PeelError(`"${input}" names no image after ${name}://`);
		switch (name) {
			case 'docker-archive':
			case 'oci-archive': {
				const {path, tag} = splitTag(rest);
				return {kind: 'archive', path, tag, reference: input};
			}
			case 'oci': {
				const {path, tag} = splitTag(rest);
				return {kind: 'oci-dir', path, tag, reference: input};
			}
			case 'docker':
			case 'podman':
				return {kind: 'engine', engine: name, reference: rest};
			case 'registry':
				return {kind: 'registry', reference: rest};
			default:
				throw new PeelError(`unknown source "${name}://": use docker-archive://, oci-archive://, oci://, docker://, podman:// or registry://`);
		}
	}
	if (source === 'docker' || source === 'podman') return {kind: 'engine', engine: source, reference: input};
	if (source === 'registry') return {kind: 'registry', reference: input};
	const {path, tag} = splitTag(input);
	if (existsSync(path)) {
		return statSync(path).isDirectory() ? {kind: 'oci-dir', path, tag, reference: input} : {kind: 'archive', path, tag, reference: input};
	}
	if (looksLikePath(input)) throw new PeelError(`${input}: no such file or directory`);
	return {kind: 'registry', reference: input};
}
