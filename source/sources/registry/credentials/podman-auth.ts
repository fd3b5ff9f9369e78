import type {ImageReference} from '../../../reference/parse-reference.js';
import {DOCKER_HUB_DOMAIN} from '../../../reference/registry-host.js';
import {type AuthEntry, DOCKER_HUB_KEY_HOSTS, credentialFromEntry} from './auth-entry.js';
import {runCredentialHelper} from './credential-helper.js';
import type {CredentialLookup} from './credential.js';

/** containers-auth.json: keys are host, host/namespace or host/namespace/repo. */
export interface PodmanAuthFile {
	auths?: Record<string, AuthEntry>;
	credHelpers?: Record<string, string>;
}

/** Normalizes a key the way containers/image does: no scheme, Docker Hub aliases → docker.io. */
function normalizeKey(key: string): string {
	let text = key;
	if (/^https?:\/\//.test(text)) {
		// Legacy Docker-style keys name a host only.
		text = text.replace(/^https?:\/\//, '').split('/')[0]!;
	}
	const slash = text.indexOf('/');
	const host = slash === -1 ? text : text.slice(0, slash);
	return DOCKER_HUB_KEY_HOSTS.has(host) ? `${DOCKER_HUB_DOMAIN}${text.slice(host.length)}` : text;
}

/** From the most specific scope to the least: host/a/b, host/a, host. */
function scopes(ref: ImageReference): string[] {
	const parts = ref.path.split('/');
	const list: string[] = [];
	for (let n = parts.length; n >= 1; n--) list.push(`${ref.domain}/${parts.slice(0, n).join('/')}`);
	list.push(ref.domain);
	return list;
}

export async function lookupPodmanAuth(file: PodmanAuthFile, ref: ImageReference, source: string): Promise<CredentialLookup> {
	const notes: string[] = [];
	const helperEntry = Object.entries(file.credHelpers ?? {}).find(([key]) => normalizeKey(key) === ref.domain);
	if (helperEntry && typeof helperEntry[1] === 'string') {
		const result = await runCredentialHelper(helperEntry[1], ref.domain);
		if (result.found) return {credential: result.credential, notes};
		notes.push(result.note ?? `docker-credential-${helperEntry[1]} (from ${source}) has no credentials for ${ref.domain}`);
	}
	const entries = new Map(Object.entries(file.auths ?? {}).map(([key, entry]) => [normalizeKey(key), {key, entry}]));
	for (const scope of scopes(ref)) {
		const hit = entries.get(scope);
		if (!hit) continue;
		const credential = credentialFromEntry(hit.entry, hit.key, source);
		if (credential) return {credential, notes};
	}
	return {credential: null, notes};
}
