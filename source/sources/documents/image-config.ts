import type {HistoryEntry, ImageConfig} from '../image-handle.js';
import {type DocumentChecker, fieldPath} from './checker.js';

function historyEntryAt(check: DocumentChecker, value: unknown, path: string): HistoryEntry {
	const object = check.object(value, path);
	const entry: HistoryEntry = {};
	for (const key of ['created', 'created_by', 'author', 'comment'] as const) {
		const text = check.optionalString(object[key], fieldPath(path, key));
		if (text !== undefined) entry[key] = text;
	}
	const empty = check.optionalBoolean(object['empty_layer'], fieldPath(path, 'empty_layer'));
	if (empty !== undefined) entry.empty_layer = empty;
	return entry;
}

/** The container settings (config.config): only checked, nothing in it is required. */
function runConfigAt(check: DocumentChecker, value: unknown, path: string): ImageConfig['config'] {
	const object = check.optionalObject(value, path);
	if (!object) return undefined;
	const out: NonNullable<ImageConfig['config']> = {};
	for (const key of ['Env', 'Cmd', 'Entrypoint', 'Shell', 'OnBuild'] as const) {
		const list = check.optionalStrings(object[key], fieldPath(path, key));
		if (list) out[key] = list;
	}
	for (const key of ['WorkingDir', 'User', 'StopSignal'] as const) {
		const text = check.optionalString(object[key], fieldPath(path, key));
		if (text !== undefined) out[key] = text;
	}
	const labels = check.optionalStringMap(object['Labels'], fieldPath(path, 'Labels'));
	if (labels) out.Labels = labels;
	// Kept as written, for peel diff to compare (sets of "80/tcp" or paths; the health check's fields).
	for (const key of ['ExposedPorts', 'Volumes', 'Healthcheck'] as const) {
		const kept = check.optionalObject(object[key], fieldPath(path, key));
		if (kept) out[key] = kept;
	}
	const argsEscaped = check.optionalBoolean(object['ArgsEscaped'], fieldPath(path, 'ArgsEscaped'));
	if (argsEscaped !== undefined) out.ArgsEscaped = argsEscaped;
	return out;
}

/**
 * The image config (application/vnd.oci.image.config.v1+json and Docker's), as a fresh
 * object holding only the fields peel reads: whatever else the image carries stays behind.
 * rootfs and history may be missing or null (their absence is reported later, as a
 * layer-count mismatch or "no history"); when present they must have the spec's types.
 */
export function checkImageConfig(check: DocumentChecker, value: unknown): ImageConfig {
	const body = check.object(value, '');
	const config: ImageConfig = {};
	for (const key of ['architecture', 'os', 'variant', 'os.version', 'created', 'author'] as const) {
		const text = check.optionalString(body[key], key);
		if (text !== undefined) config[key] = text;
	}
	const run = runConfigAt(check, body['config'], 'config');
	if (run) config.config = run;
	const rootfs = check.optionalObject(body['rootfs'], 'rootfs');
	if (rootfs) {
		config.rootfs = {
			type: check.optionalString(rootfs['type'], 'rootfs.type') ?? '',
			diff_ids: check.optionalArray(rootfs['diff_ids'], 'rootfs.diff_ids', (item, path) => check.digest(item, path)) ?? [],
		};
	}
	const history = check.optionalArray(body['history'], 'history', (item, path) => historyEntryAt(check, item, path));
	if (history) config.history = history;
	return config;
}
