import {PeelError} from '../../../errors.js';
import type {Credential} from './credential.js';

/** One `auths` entry of config.json / auth.json. */
export interface AuthEntry {
	auth?: string;
	username?: string;
	password?: string;
	identitytoken?: string;
	registrytoken?: string;
}

/** Decodes an auths entry; null when it holds nothing (e.g. a credsStore placeholder `{}`). */
export function credentialFromEntry(entry: AuthEntry, key: string, source: string): Credential | null {
	if (typeof entry !== 'object' || entry === null) return null;
	const credential: Credential = {source};
	if (typeof entry.auth === 'string' && entry.auth !== '') {
		const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon <= 0) throw new PeelError(`${source}: auths["${key}"].auth is not base64 of user:password; log in again`);
		credential.username = decoded.slice(0, colon);
		credential.password = decoded.slice(colon + 1);
	} else if (typeof entry.username === 'string' && entry.username !== '') {
		credential.username = entry.username;
		credential.password = typeof entry.password === 'string' ? entry.password : '';
	}
	if (typeof entry.identitytoken === 'string' && entry.identitytoken !== '') credential.identityToken = entry.identitytoken;
	if (typeof entry.registrytoken === 'string' && entry.registrytoken !== '') credential.registryToken = entry.registrytoken;
	return credential.username || credential.identityToken || credential.registryToken ? credential : null;
}

/** `https://host/v1/` → `host` (Docker's ConvertToHostname, for legacy keys). */
export function keyHostname(key: string): string {
	const stripped = key.replace(/^https?:\/\//, '');
	const slash = stripped.indexOf('/');
	return slash === -1 ? stripped : stripped.slice(0, slash);
}

/** Host names that all mean Docker Hub in credential keys. */
export const DOCKER_HUB_KEY_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
