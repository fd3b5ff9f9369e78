import {statSync} from 'node:fs';
import {PeelError} from '../../errors.js';
import type {ImageHandle, SourceKind} from '../image-handle.js';
import type {OpenOptions} from '../open-options.js';
import type {BlobStore} from './blob-store.js';
import {DirBlobStore} from './dir-blob-store.js';
import {resolveDockerArchive} from './docker-archive.js';
import {resolveOciImage, type ResolvedImage} from './oci-image.js';
import {checkOciLayout} from '../documents/oci-layout.js';
import {DOCUMENT_LIMITS} from '../documents/json-document.js';
import {escapeText} from '../../text/escape.js';
import {readDocument} from './read-document.js';
import {TarBlobStore} from './tar-blob-store.js';
import {indexTarFile} from './tar-index.js';

type ArchiveOptions = OpenOptions & {reference?: string};

function handleFrom(resolved: ResolvedImage, source: SourceKind, reference: string, inputFiles: () => string[]): ImageHandle {
	return {
		source,
		reference,
		digest: resolved.digest,
		indexDigest: resolved.indexDigest,
		platform: resolved.platform,
		...(resolved.indexEntries ? {indexEntries: resolved.indexEntries} : {}),
		tags: resolved.tags,
		manifestMediaType: resolved.manifestMediaType || null,
		config: resolved.config,
		configDigest: resolved.configDigest,
		layers: resolved.layers,
		warnings: [],
		inputFiles,
		close: async () => {},
	};
}

function statOrFail(path: string) {
	try {
		return statSync(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new PeelError(`${path}: no such file or directory`);
		if (code === 'EACCES') throw new PeelError(`${path}: permission denied`);
		throw new PeelError(`${path}: ${(error as Error).message}`);
	}
}

async function resolveLayout(store: BlobStore, options: ArchiveOptions): Promise<ResolvedImage> {
	const read = await readDocument(store, 'oci-layout', DOCUMENT_LIMITS.ociLayout);
	const layout = checkOciLayout(read.check, read.value);
	if (layout.imageLayoutVersion && !layout.imageLayoutVersion.startsWith('1.')) {
		throw new PeelError(`${store.label}: OCI layout version ${escapeText(layout.imageLayoutVersion, 40)} is not supported`);
	}
	return resolveOciImage(store, options);
}

/**
 * Opens an image archive file: any `docker save`/`podman save` generation, a crane
 * tarball or an OCI archive, compressed as a whole or not (detected by content).
 * A directory is read as an OCI image layout.
 */
export async function openArchiveFile(path: string, options: ArchiveOptions): Promise<ImageHandle> {
	const stat = statOrFail(path);
	const reference = options.reference ?? path;
	if (stat.isDirectory()) return openOciLayoutDir(path, options);
	const index = await indexTarFile(path, path);
	const store = new TarBlobStore(path, path, index);
	if (store.has('oci-layout') && store.has('index.json')) {
		// Docker ≥ 25 writes an OCI layout plus manifest.json; the layout is the truth.
		const resolved = await resolveLayout(store, options);
		return handleFrom(resolved, store.has('manifest.json') ? 'docker-archive' : 'oci-archive', reference, () => [path]);
	}
	if (store.has('manifest.json')) return handleFrom(await resolveDockerArchive(store, options), 'docker-archive', reference, () => [path]);
	if (store.has('repositories')) {
		throw new PeelError(`${path} is a pre-1.10 "docker save" archive (no manifest.json), which peel does not read; save it again with a current Docker or Podman`);
	}
	throw new PeelError(`${path} is not an image archive: it has neither manifest.json nor an OCI index.json`);
}

/** Opens an OCI image layout directory (oci-layout, index.json, blobs/). */
export async function openOciLayoutDir(dir: string, options: ArchiveOptions): Promise<ImageHandle> {
	const stat = statOrFail(dir);
	if (!stat.isDirectory()) throw new PeelError(`${dir} is not a directory`);
	const store = new DirBlobStore(dir, dir);
	if (!store.has('oci-layout') || !store.has('index.json')) {
		throw new PeelError(`${dir} is not an OCI image layout (it needs an oci-layout file and index.json)`);
	}
	return handleFrom(await resolveLayout(store, options), 'oci-layout', options.reference ?? dir, () => [dir, ...store.openedFiles()]);
}
