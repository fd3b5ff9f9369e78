import {escapeText} from '../../text/escape.js';
import type {Descriptor} from '../image-handle.js';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

/** Names an index.json entry carries: Docker writes the full name for containerd and the tag for OCI. */
export function tagsOf(descriptor: Descriptor): string[] {
	const names = [descriptor.annotations?.[CONTAINERD_NAME], descriptor.annotations?.[REF_NAME]];
	return names.filter((n): n is string => Boolean(n));
}

/** docker.io/library/nginx:1.27 → nginx:1.27, docker.io/me/app:v1 → me/app:v1. */
export function familiarName(name: string): string {
	return name.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

/** Whether a user's `--tag` (a tag, a name:tag, or a full reference) names one of `names`. */
export function matchesTag(names: string[], wanted: string): boolean {
	const want = familiarName(wanted);
	return names.some(name => {
		const have = familiarName(name);
		if (have === want) return true;
		const tag = have.includes(':') && !have.endsWith(']') ? have.slice(have.lastIndexOf(':') + 1) : null;
		return tag === want || (!want.includes(':') && have === `${want}:latest`);
	});
}

export function describeTags(descriptors: Descriptor[], extra: Map<string, string[]>): string {
	const names = descriptors.map(d => [...tagsOf(d), ...(extra.get(d.digest) ?? [])][0] ?? `(untagged ${d.digest.slice(0, 19)})`);
	// Tags come from the image: escaped, and the list cut to one readable line.
	return escapeText([...new Set(names)].join(', '), 300);
}
