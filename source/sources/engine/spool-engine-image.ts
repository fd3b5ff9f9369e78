import os from 'node:os';
import type {Platform} from '../image-handle.js';
import type {OpenOptions} from '../open-options.js';
import {formatPlatform, hostPlatform, normalizePlatform} from '../platform.js';
import {compareApiVersions} from './api-version.js';
import {discoverEngine, type EngineKind} from './discover-engine.js';
import {EngineClient} from './engine-client.js';
import {checkEngineReference, displayReference} from './engine-reference.js';
import {exportImage} from './export-image.js';
import {diskReader} from './file-reader.js';
import {inspectImage} from './inspect-image.js';
import {pingEngine} from './ping-engine.js';
import {createTempSpool} from './temp-spool.js';

/** The first engine API whose images/get takes `platform=`. */
export const platformApiVersion = '1.48';

/** An engine's export of one image, complete, in a private temp file. */
export interface SpooledImage {
	/** The docker-archive tar. */
	file: string;
	/** How to name the image, e.g. `podman://localhost/myapp:dev`. */
	reference: string;
	/** The tags the engine knows for the image. */
	repoTags: string[];
	/** The registry digests the engine knows for it (RepoDigests). */
	repoDigests: string[];
	apiVersion: string;
	/** Deletes the temp file; safe to call twice. */
	remove(): Promise<void>;
}

/**
 * Finds the engine, negotiates the API version, looks the image up and streams its
 * export (a docker-archive) into a private temp file, checking the tar is complete.
 */
export async function spoolEngineImage(engine: EngineKind, reference: string, options: OpenOptions): Promise<SpooledImage> {
	checkEngineReference(engine, reference);
	const endpoint = discoverEngine(engine, {env: process.env, homeDir: os.homedir(), engineHost: options.engineHost}, diskReader);
	const client = new EngineClient(engine, endpoint);
	try {
		const apiVersion = await pingEngine(client, options.signal);
		const info = await inspectImage(client, apiVersion, reference, options.signal);
		const spool = createTempSpool();
		try {
			await exportImage(client, apiVersion, reference, platformToRequest(options.platform, apiVersion), spool.file, options.signal);
		} catch (error) {
			await spool.remove();
			throw error;
		}
		return {file: spool.file, reference: displayReference(engine, reference, info.repoTags, info.id), repoTags: info.repoTags, repoDigests: info.repoDigests, apiVersion, remove: spool.remove};
	} finally {
		await client.close();
	}
}

/**
 * `platform=` narrows the export to one platform. OpenOptions always carries a platform
 * (linux/host-arch by default), so it is sent only when it differs from that default —
 * i.e. the user chose it — and the engine understands it. Otherwise the engine exports
 * what it has and the archive reader picks options.platform from it, so a single-platform
 * image built for another architecture still opens without --platform.
 */
function platformToRequest(wanted: Platform, apiVersion: string): Platform | null {
	if (compareApiVersions(apiVersion, platformApiVersion) < 0) return null;
	const chosen = normalizePlatform(wanted);
	return formatPlatform(chosen) === formatPlatform(hostPlatform()) ? null : chosen;
}
