import {readFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {PeelError} from '../../../errors.js';
import type {ImageReference} from '../../../reference/parse-reference.js';
import type {CredentialLookup} from './credential.js';
import {type DockerConfigFile, lookupDockerConfig} from './docker-config.js';
import {type PodmanAuthFile, lookupPodmanAuth} from './podman-auth.js';

type Env = Record<string, string | undefined>;

interface AuthSource {
	/** Shown in messages; a path or an environment variable name, never the content. */
	name: string;
	style: 'docker' | 'podman';
	load(): Promise<unknown | undefined>;
}

function parseJson(text: string, where: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		throw new PeelError(`${where} is not valid JSON (${(error as Error).message.split('\n')[0]}); fix or remove it`);
	}
}

function fileSource(file: string, style: AuthSource['style']): AuthSource {
	return {
		name: file,
		style,
		async load() {
			let text: string;
			try {
				text = await readFile(file, 'utf8');
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
				throw new PeelError(`cannot read credentials file ${file}: ${code ?? (error as Error).message}`);
			}
			return parseJson(text, file);
		},
	};
}

/** Where credentials are looked for, first hit wins (explicit environment first). */
export function authSources(env: Env = process.env): AuthSource[] {
	const home = env['HOME'] || os.homedir();
	const sources: AuthSource[] = [];
	const inline = env['DOCKER_AUTH_CONFIG'];
	if (inline) sources.push({name: 'DOCKER_AUTH_CONFIG', style: 'docker', load: async () => parseJson(inline, 'DOCKER_AUTH_CONFIG')});
	if (env['REGISTRY_AUTH_FILE']) sources.push(fileSource(env['REGISTRY_AUTH_FILE'], 'podman'));
	sources.push(fileSource(path.join(env['DOCKER_CONFIG'] || path.join(home, '.docker'), 'config.json'), 'docker'));
	if (env['XDG_RUNTIME_DIR']) sources.push(fileSource(path.join(env['XDG_RUNTIME_DIR'], 'containers', 'auth.json'), 'podman'));
	sources.push(fileSource(path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), 'containers', 'auth.json'), 'podman'));
	return sources;
}

/** Finds credentials for ref's registry in Docker's and Podman's usual places. */
export async function findCredentials(ref: ImageReference, env: Env = process.env): Promise<CredentialLookup> {
	const notes: string[] = [];
	for (const source of authSources(env)) {
		const content = await source.load();
		if (content === undefined) continue;
		if (typeof content !== 'object' || content === null) throw new PeelError(`${source.name} does not hold a JSON object; fix or remove it`);
		const lookup =
			source.style === 'docker'
				? await lookupDockerConfig(content as DockerConfigFile, ref, source.name)
				: await lookupPodmanAuth(content as PodmanAuthFile, ref, source.name);
		notes.push(...lookup.notes);
		if (lookup.credential) return {credential: lookup.credential, notes};
	}
	return {credential: null, notes};
}
