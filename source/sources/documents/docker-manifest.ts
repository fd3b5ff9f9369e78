import type {Descriptor} from '../image-handle.js';
import {type DocumentChecker, fieldPath} from './checker.js';
import {descriptorAt} from './descriptor.js';

/** One image of a `docker save` manifest.json (moby's manifestItem). */
export interface DockerManifestEntry {
	Config: string;
	RepoTags: string[];
	Layers: string[];
	/** Foreign layers' descriptors, by diff_id. */
	LayerSources: Record<string, Descriptor>;
}

function entryAt(check: DocumentChecker, value: unknown, path: string): DockerManifestEntry {
	const object = check.object(value, path);
	const sources: Record<string, Descriptor> = {};
	const rawSources = check.optionalObject(object['LayerSources'], fieldPath(path, 'LayerSources'));
	for (const [diffId, item] of Object.entries(rawSources ?? {})) {
		sources[diffId] = descriptorAt(check, item, fieldPath(fieldPath(path, 'LayerSources'), diffId, true));
	}
	return {
		Config: check.string(object['Config'], fieldPath(path, 'Config')),
		RepoTags: check.optionalStrings(object['RepoTags'], fieldPath(path, 'RepoTags')) ?? [],
		Layers: check.optionalStrings(object['Layers'], fieldPath(path, 'Layers')) ?? [],
		LayerSources: sources,
	};
}

/** manifest.json of a docker-archive: an array with one entry per saved image. */
export function checkDockerManifest(check: DocumentChecker, value: unknown): DockerManifestEntry[] {
	return check.array(value, '', (item, path) => entryAt(check, item, path));
}
