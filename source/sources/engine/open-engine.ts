import {openArchiveFile} from '../archive/open-archive.js';
import type {ImageHandle, Platform} from '../image-handle.js';
import type {OpenOptions} from '../open-options.js';
import {formatPlatform, hostPlatform, normalizePlatform} from '../platform.js';
import {compareApiVersions} from './api-version.js';
import {platformApiVersion, spoolEngineImage, type SpooledImage} from './spool-engine-image.js';

/**
 * Exports `reference` from the local Docker or Podman engine over its API socket (no CLI),
 * spools the docker-archive to a private temp file and reads it with the archive reader.
 * The temp file lives until the handle is closed (or the process exits).
 */
export async function openEngineImage(engine: 'docker' | 'podman', reference: string, options: OpenOptions): Promise<ImageHandle> {
	const spooled = await spoolEngineImage(engine, reference, options);
	try {
		// --tag picks from multi-image archives; an engine export holds just the one image.
		const {tag: _unused, ...archiveOptions} = options;
		const handle = await openArchiveFile(spooled.file, {...archiveOptions, reference: spooled.reference});
		const adapted = adaptHandle(handle, engine, spooled, options.platform);
		const typed = `${engine}://${reference}`;
		if (typed !== adapted.reference) adapted.typedReference = typed;
		return adapted;
	} catch (error) {
		await spooled.remove();
		throw error;
	}
}

function adaptHandle(handle: ImageHandle, engine: 'docker' | 'podman', spooled: SpooledImage, wanted: Platform): ImageHandle {
	handle.source = engine;
	handle.reference = spooled.reference;
	// Exports by ID carry no RepoTags; the engine still knows the image's tags.
	if (handle.tags.length === 0) handle.tags = [...spooled.repoTags];
	if (spooled.repoDigests.length > 0) handle.repoDigests = [...spooled.repoDigests];
	const warning = platformWarning(handle, engine, wanted, spooled.apiVersion);
	if (warning) handle.warnings.push(warning);
	const closeArchive = handle.close.bind(handle);
	let closed = false;
	handle.close = async () => {
		if (closed) return;
		closed = true;
		try {
			await closeArchive();
		} finally {
			await spooled.remove();
		}
	};
	return handle;
}

/** An engine older than API 1.48 cannot be asked for a platform: say so when the user chose another. */
function platformWarning(handle: ImageHandle, engine: string, wanted: Platform, apiVersion: string): string | null {
	const asked = formatPlatform(normalizePlatform(wanted));
	if (asked === formatPlatform(hostPlatform()) || compareApiVersions(apiVersion, platformApiVersion) >= 0) return null;
	const {os, architecture, variant} = handle.config;
	if (!os || !architecture) return null;
	const got = formatPlatform(normalizePlatform({os, architecture, variant}));
	return got === asked ? null : `the ${engine} engine (API ${apiVersion}) cannot export a chosen platform (that needs API ${platformApiVersion}); showing ${got}, not ${asked}`;
}
