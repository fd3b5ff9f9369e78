import {isDeepStrictEqual} from 'node:util';
import type {ImageConfig} from '../sources/image-handle.js';
import type {ConfigDifference} from './types.js';

/** The container settings compared (config.config), in the order reports list them. */
const RUN_FIELDS = ['Env', 'Cmd', 'Entrypoint', 'User', 'WorkingDir', 'ExposedPorts', 'Volumes', 'Labels', 'StopSignal', 'Healthcheck', 'Shell', 'OnBuild', 'ArgsEscaped'];
/** The platform fields of the config itself. */
const PLATFORM_FIELDS = ['os', 'architecture', 'variant', 'os.version'];

/**
 * The config fields whose values differ, raw (null where a side lacks the field). The
 * creation time and history are left out: every build changes them, they say nothing
 * about how the image runs.
 */
export function compareConfig(oldConfig: ImageConfig, newConfig: ImageConfig): Record<string, ConfigDifference> {
	const out: Record<string, ConfigDifference> = {};
	const take = (name: string, a: unknown, b: unknown) => {
		const old = a ?? null;
		const next = b ?? null;
		if (!isDeepStrictEqual(old, next)) out[name] = {old, new: next};
	};
	const oldRun = (oldConfig.config ?? {}) as Record<string, unknown>;
	const newRun = (newConfig.config ?? {}) as Record<string, unknown>;
	for (const field of RUN_FIELDS) take(field, oldRun[field], newRun[field]);
	for (const field of PLATFORM_FIELDS) take(field, (oldConfig as Record<string, unknown>)[field], (newConfig as Record<string, unknown>)[field]);
	return out;
}
