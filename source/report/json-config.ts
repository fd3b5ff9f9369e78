import type {ImageConfig} from '../sources/image-handle.js';

/** A set-like config object ({"8080/tcp": {}}) as its sorted keys, as `docker inspect` users read them. */
function keys(value: Record<string, unknown> | undefined): string[] | null {
	return value ? Object.keys(value).sort() : null;
}

/**
 * `peel.config`: the image config's own values (not re-derived from history), null when
 * the config does not have them — the answer to "what runs, as whom, on which ports".
 */
export function jsonConfig(config: ImageConfig, digest: string | null) {
	const run = config.config ?? {};
	return {
		digest,
		entrypoint: run.Entrypoint ?? null,
		cmd: run.Cmd ?? null,
		env: run.Env ?? null,
		workingDir: run.WorkingDir ?? null,
		user: run.User ?? null,
		exposedPorts: keys(run.ExposedPorts),
		volumes: keys(run.Volumes),
		labels: run.Labels ?? null,
		stopSignal: run.StopSignal ?? null,
		healthcheck: run.Healthcheck ?? null,
		shell: run.Shell ?? null,
		onBuild: run.OnBuild ?? null,
		os: config.os ?? null,
		architecture: config.architecture ?? null,
		variant: config.variant ?? null,
		created: config.created ?? null,
		author: config.author ?? null,
	};
}
