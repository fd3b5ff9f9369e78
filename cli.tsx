#!/usr/bin/env node
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import v8 from 'node:v8';
import type {RuleName} from './source/analysis/ci-rules.js';
import {explorerRecord} from './source/cache/explorer-record.js';
import {openCache, printWarning} from './source/cache/open-cache.js';
import {commandHelp, isCommand, runCommand} from './source/commands/dispatch.js';
import {isPeelError, PeelError} from './source/errors.js';
import {internalErrorMessage} from './source/internal-error.js';
import type {AnalyzedImage} from './source/load/analyzed-image.js';
import {warmUpLayerReaders} from './source/layers/read-layer.js';
import {loadImage} from './source/load/load-image.js';
import type {ProgressListener} from './source/load/progress.js';
import {resolveJsonTarget, refuseInputOverwrite} from './source/report/json-target.js';
import type {ImageHandle} from './source/sources/image-handle.js';
import {openImage} from './source/sources/open-image.js';
import type {OpenOptions} from './source/sources/open-options.js';
import {hostPlatform, parsePlatform} from './source/sources/platform.js';
import {resolveInput, type SourceChoice} from './source/sources/resolve-input.js';
import {oneLine} from './source/text/escape.js';
import {chooseTheme} from './source/ui/theme-name.js';
import {capYoungGeneration} from './source/runtime/young-generation.js';

// Reading an image keeps every core busy decoding layers: optimizing hot code on V8's
// background threads (which then wait for a core) costs more than doing it in place.
// Set before the layer workers start, which take it up (−6% CPU measured on the bench).
v8.setFlagsFromString('--no-concurrent-recompilation');
// A young generation of 4 MB per semi-space instead of V8's 16: −17…−23 MB peak RSS on
// the bench images, the same time (see young-generation.ts).
capYoungGeneration();

const DEMO_IMAGE = fileURLToPath(new URL('../demo/demo.tar', import.meta.url));

const HELP = `peel — peel a container image apart: layers, merged file tree, whiteouts, wasted space

Usage: peel [IMAGE] [options]
       peel cat|extract|ls|story|diff …  look inside, compare (see below)

IMAGE (the bundled demo image when omitted):
  nginx:1.27, ghcr.io/o/r@sha256:…   pulled straight from the registry (no daemon)
  registry://REF                      the same, explicitly
  docker://REF, podman://REF          exported from the local engine over its socket
  PATH (.tar, .tar.gz, …)             docker/podman save tarball, crane tarball or OCI archive
  docker-archive://PATH, oci-archive://PATH
  DIR, oci://DIR[:TAG]                OCI image layout directory

Options:
  --json FILE                write the analysis as JSON (dive's schema plus "peel"); - for stdout
  --ci                       check CI rules and exit 1 on failure (also when CI=true|1|yes)
  --ci-config FILE           rules file (dive's .dive-ci format; default ./.dive-ci)
  --lowestEfficiency N       override a rule (N, or "disabled"); likewise
  --highestWastedBytes N     (bytes, SI units: 20MB = 20,000,000)
  --highestUserWastedPercent N
  --highestReclaimableBytes N
  --platform OS/ARCH[/VAR]   image to pick from a multi-platform index (default linux/${hostPlatform().architecture})
  --tag TAG                  image to pick from an archive or layout holding several
  --source docker|podman|registry   where a bare reference is read from (default registry)
  --insecure-registry HOST   HOST: https without certificate checks, or plain http (repeatable)
  --engine-host URL          engine API address (unix:///path or tcp://host:port)
  --no-cache                 neither read nor write peel's cache of analyses and pulled
                             registry blobs (~/.cache/peel; PEEL_CACHE_DIR, PEEL_CACHE_MAX,
                             PEEL_NO_CACHE=1; peel cache --help)
  --no-mouse                 the explorer leaves the mouse to the terminal (its own text
                             selection); otherwise the wheel scrolls, a click selects
  --theme NAME               explorer colours: default, light (light backgrounds) or
                             high-contrast; also PEEL_THEME (NO_COLOR turns colour off)
  -h, --help                 this text
  -v, --version              peel's version

Commands (an image named like one: registry://cat, ./cat):
${commandHelp()}
Keys in the explorer: ? shows them all.
`;

const RULE_FLAGS: RuleName[] = ['lowestEfficiency', 'highestWastedBytes', 'highestUserWastedPercent', 'highestReclaimableBytes'];

function parseCommandLine(argv: string[]) {
	try {
		return parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				json: {type: 'string'},
				ci: {type: 'boolean'},
				'ci-config': {type: 'string'},
				lowestEfficiency: {type: 'string'},
				highestWastedBytes: {type: 'string'},
				highestUserWastedPercent: {type: 'string'},
				highestReclaimableBytes: {type: 'string'},
				platform: {type: 'string'},
				tag: {type: 'string'},
				source: {type: 'string'},
				'insecure-registry': {type: 'string', multiple: true},
				'engine-host': {type: 'string'},
				theme: {type: 'string'},
				'no-cache': {type: 'boolean'},
				'no-mouse': {type: 'boolean'},
				help: {type: 'boolean', short: 'h'},
				version: {type: 'boolean', short: 'v'},
			},
		});
	} catch (error) {
		const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
		throw new PeelError(`${message} (see peel --help)`);
	}
}

/** dive's rule: CI=true (also 1 or yes) turns CI mode on. */
function ciFromEnvironment(): boolean {
	return ['true', '1', 'yes'].includes((process.env['CI'] ?? '').trim().toLowerCase());
}

async function main(argv: string[]): Promise<number> {
	if (isCommand(argv[0])) return runCommand(argv[0], argv.slice(1));
	const {values, positionals} = parseCommandLine(argv);
	if (values.help) {
		process.stdout.write(HELP);
		return 0;
	}
	if (values.version) {
		const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string};
		process.stdout.write(`peel ${pkg.version}\n`);
		return 0;
	}
	if (positionals.length > 1) throw new PeelError(`one image at a time, got ${positionals.length}: ${positionals.join(' ')}`);
	const source = values.source as SourceChoice | undefined;
	if (source && !['docker', 'podman', 'registry'].includes(source)) throw new PeelError(`--source must be docker, podman or registry, not "${source}"`);
	const input = resolveInput(positionals[0] ?? DEMO_IMAGE, source);
	const options: OpenOptions = {
		platform: values.platform ? parsePlatform(values.platform) : hostPlatform(),
		tag: values.tag,
		insecureRegistries: values['insecure-registry'] ?? [],
		engineHost: values['engine-host'],
	};
	const ciMode = Boolean(values.ci) || ciFromEnvironment();
	const overrides = Object.fromEntries(RULE_FLAGS.filter(r => values[r] !== undefined).map(r => [r, values[r]])) as Partial<Record<RuleName, string>>;
	// Config mistakes are reported before any work is done. (The YAML reader is loaded only
	// for CI runs: it would cost every other run ~8 MB of memory.)
	const thresholds = ciMode ? (await import('./source/report/ci-config.js')).loadThresholds(values['ci-config'] ?? '.dive-ci', values['ci-config'] !== undefined, overrides) : null;
	const jsonPath = values.json;
	const fullScreen = !ciMode && !jsonPath;
	// Under the full-screen explorer a warning line would be drawn into its frame: held until the screen is given back.
	const heldWarnings: string[] = [];
	const cache = openCache(Boolean(values['no-cache']), process.env, fullScreen ? message => heldWarnings.push(message) : printWarning);
	// The report must never replace a file the image is read from: checked by what the
	// files are (device and inode, directories by real path), now and once all is read.
	const jsonTarget = jsonPath && jsonPath !== '-' ? resolveJsonTarget(jsonPath) : null;
	if (jsonTarget) refuseInputOverwrite(jsonTarget, 'path' in input ? [input.path] : []);

	if (fullScreen) {
		const theme = chooseTheme(values.theme);
		// While this thread loads the UI's modules, the image is opened (a registry's manifest
		// fetched) and the layer threads start, but with a cache only once the image is open
		// and some layer is not in it: threads that would decode nothing take a core from the
		// UI's loading (the bench image's first frame from the cache: median 1.09 s without
		// them, 1.12 s with them).
		const open = (choice: Partial<OpenOptions>, signal: AbortSignal) => openImage(input, {...options, ...choice, signal, keptBlobs: cache?.blobs});
		const opening = new AbortController();
		let opened: Promise<ImageHandle> | null = process.stdout.isTTY && process.stdin.isTTY ? open({}, opening.signal) : null;
		// Every image opened (the first, and other platforms `p` switches to) is closed at the end.
		const handles: ImageHandle[] = [];
		if (!cache) warmUpLayerReaders();
		// A failure to open is reported by the explorer's load, which awaits it.
		if (opened)
			opened.then(
				handle => {
					handles.push(handle);
					if (cache && handle.layers.some(layer => !cache.hasLayer(layer))) warmUpLayerReaders();
				},
				() => {},
			);
		// Loaded only here: --json and --ci runs start faster without React and Ink.
		const {runTui} = await import('./source/ui/run-tui.js');
		const openAndLoad = async (choice: Partial<OpenOptions>, onProgress: ProgressListener, signal: AbortSignal, onEarly?: (soFar: () => AnalyzedImage) => void) => {
			let handle: ImageHandle;
			if (opened && Object.keys(choice).length === 0) {
				// The first load: the image opened above.
				const first = opened;
				opened = null;
				if (signal.aborted) opening.abort();
				else signal.addEventListener('abort', () => opening.abort(), {once: true});
				handle = await first;
			} else {
				handle = await open(choice, signal);
				handles.push(handle);
			}
			const record = cache ? explorerRecord(cache, handle) : null;
			const image = await loadImage(handle, {onProgress, signal, cache, knownDive: record?.knownDive, onStacked: onEarly ? (_stacked, soFar) => onEarly(soFar) : undefined});
			record?.remember(image.analysis);
			return image;
		};
		try {
			// The explorer opens as soon as the first layer is stacked, and follows the load.
			await runTui((onProgress, signal, onEarly) => openAndLoad({}, onProgress, signal, onEarly), {
				theme,
				mouse: !values['no-mouse'],
				loadPlatform: ({digest, platform}, onProgress, signal) => openAndLoad({manifestDigest: digest, ...(platform ? {platform} : {})}, onProgress, signal),
			});
		} finally {
			opening.abort();
			await opened?.catch(() => {});
			await Promise.all(handles.map(handle => handle.close()));
			for (const message of heldWarnings) printWarning(message);
		}
		return 0;
	}

	// Loaded only here: the explorer starts faster without the report writers.
	const {runHeadless} = await import('./source/report/headless-run.js');
	const handle = await openImage(input, {...options, keptBlobs: cache?.blobs});
	try {
		return await runHeadless(handle, {jsonPath, jsonTarget, thresholds, cache});
	} finally {
		await handle.close();
	}
}

function fail(error: unknown): never {
	const message = isPeelError(error) ? error.message : internalErrorMessage(error);
	// The last line of defence: whatever an image put into the message, it stays one harmless line.
	process.stderr.write(`peel: ${oneLine(message)}\n`);
	process.exit(isPeelError(error) ? error.exitCode : 2);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
main(process.argv.slice(2)).then(code => {
	process.exitCode = code;
}, fail);
