import type {ImageReference} from '../../../reference/parse-reference.js';
import {DOCKER_HUB_DOMAIN} from '../../../reference/registry-host.js';
import {type AuthEntry, DOCKER_HUB_KEY_HOSTS, credentialFromEntry, keyHostname} from './auth-entry.js';
import {runCredentialHelper} from './credential-helper.js';
import type {CredentialLookup} from './credential.js';

/** The parts of Docker's config.json (or DOCKER_AUTH_CONFIG) that hold credentials. */
export interface DockerConfigFile {
	auths?: Record<string, AuthEntry>;
	credsStore?: string;
	credHelpers?: Record<string, string>;
}

function keyMatches(key: string, ref: ImageReference): boolean {
	if (key === ref.credentialsKey) return true;
	const host = keyHostname(key);
	return ref.domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_KEY_HOSTS.has(host) : host === ref.domain;
}

/** The entry for ref's registry: the exact key first, then legacy URL-style keys. */
function findKey<T>(map: Record<string, T> | undefined, ref: ImageReference): string | undefined {
	if (!map || typeof map !== 'object') return undefined;
	if (Object.hasOwn(map, ref.credentialsKey)) return ref.credentialsKey;
	return Object.keys(map).find(key => keyMatches(key, ref));
}

/** Docker's order: credHelpers[registry], then credsStore, then the file's own auths. */
export async function lookupDockerConfig(config: DockerConfigFile, ref: ImageReference, source: string): Promise<CredentialLookup> {
	const notes: string[] = [];
	const helperKey = findKey(config.credHelpers, ref);
	const helpers: Array<{name: string; key: string}> = [];
	if (helperKey !== undefined && typeof config.credHelpers![helperKey] === 'string') {
		helpers.push({name: config.credHelpers![helperKey]!, key: helperKey});
	} else if (typeof config.credsStore === 'string' && config.credsStore !== '') {
		helpers.push({name: config.credsStore, key: ref.credentialsKey});
	}
	for (const helper of helpers) {
		const result = await runCredentialHelper(helper.name, helper.key);
		if (result.found) return {credential: result.credential, notes};
		notes.push(result.note ?? `docker-credential-${helper.name} (from ${source}) has no credentials for ${helper.key}`);
	}
	const authKey = findKey(config.auths, ref);
	if (authKey !== undefined) {
		const credential = credentialFromEntry(config.auths![authKey]!, authKey, source);
		if (credential) return {credential, notes};
	}
	return {credential: null, notes};
}
