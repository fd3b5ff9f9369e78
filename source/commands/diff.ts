import {parseArgs} from 'node:util';
import {compareImages} from '../compare/compare.js';
import {DIFF_RULES, evaluateDiffRules, type DiffRuleName} from '../compare/rules.js';
import {PeelError} from '../errors.js';
import type {AnalyzedImage} from '../load/analyzed-image.js';
import type {AnalysisCache} from '../cache/analysis-cache.js';
import {openCache, printWarning} from '../cache/open-cache.js';
import {loadImage} from '../load/load-image.js';
import type {LoadProgress} from '../load/progress.js';
import type {LayerContents} from '../layers/layer-entry.js';
import {formatDiffCi} from '../report/diff-ci.js';
import {buildDiffJson} from '../report/diff-json.js';
import {formatDiffText} from '../report/diff-text.js';
import {refuseInputOverwrite, resolveJsonTarget} from '../report/json-target.js';
import {writeJsonReport} from '../report/write-json-report.js';
import {stderrProgress} from '../report/stderr-progress.js';
import type {ImageHandle} from '../sources/image-handle.js';
import {openImage} from '../sources/open-image.js';
import type {OpenOptions} from '../sources/open-options.js';
import {hostPlatform, parsePlatform} from '../sources/platform.js';
import {resolveInput, type ImageInput, type SourceChoice} from '../sources/resolve-input.js';
import {escapeText} from '../text/escape.js';

export const DIFF_HELP = `peel diff — compare two images: shared layers, pull cost, changed files and config

Usage: peel diff OLD NEW [options]

OLD and NEW are any images peel opens (references, docker://, podman://, archives, layouts),
mixed freely. Without --json or --ci: on a terminal the diff explorer opens (? lists its
keys), otherwise a text report is printed.

Options:
  --json FILE                write the comparison as JSON ("peelDiff" schema); - for stdout
  --ci                       check the compare rules and exit 1 on a regression (also when CI=true|1|yes)
  --ci-config FILE           rules file (the "diff:" section of .dive-ci; default ./.dive-ci)
  --highestGrowthBytes N     fail when NEW is more than N bytes bigger (SI units: 20MB), or "disabled"
  --highestGrowthPercent N   fail when NEW grew by more than N of OLD's size (0.1 = 10 %)
  --highestPullBytes N       fail when pulling NEW over OLD downloads more than N bytes
  --highestAddedFiles N      fail when NEW adds more than N files
  --platform OS/ARCH[/VAR]   platform of both images (default linux/${hostPlatform().architecture})
  --old-platform P, --new-platform P   platform of one side
  --source docker|podman|registry      where bare references are read from (default registry)
  --insecure-registry HOST   HOST: https without certificate checks, or plain http (repeatable)
  --engine-host URL          engine API address (unix:///path or tcp://host:port)
  --no-cache                 neither read nor write peel's cache (analyses, pulled blobs)
  -h, --help                 this text
`;

function parseCommandLine(argv: string[]) {
	try {
		return parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				json: {type: 'string'},
				ci: {type: 'boolean'},
				'ci-config': {type: 'string'},
				highestGrowthBytes: {type: 'string'},
				highestGrowthPercent: {type: 'string'},
				highestPullBytes: {type: 'string'},
				highestAddedFiles: {type: 'string'},
				platform: {type: 'string'},
				'old-platform': {type: 'string'},
				'new-platform': {type: 'string'},
				source: {type: 'string'},
				'insecure-registry': {type: 'string', multiple: true},
				'engine-host': {type: 'string'},
				'no-cache': {type: 'boolean'},
				help: {type: 'boolean', short: 'h'},
			},
		});
	} catch (error) {
		const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
		throw new PeelError(`${message} (see peel diff --help)`);
	}
}

function ciFromEnvironment(): boolean {
	return ['true', '1', 'yes'].includes((process.env['CI'] ?? '').trim().toLowerCase());
}

/** Opens both images at once; when one fails, the other is closed again. */
export async function openBoth(inputs: [ImageInput, ImageInput], options: [OpenOptions, OpenOptions]): Promise<[ImageHandle, ImageHandle]> {
	const opened = await Promise.allSettled([openImage(inputs[0], options[0]), openImage(inputs[1], options[1])]);
	const failure = opened.find(o => o.status === 'rejected');
	if (failure) {
		await Promise.all(opened.map(o => (o.status === 'fulfilled' ? o.value.close() : null)));
		throw (failure as PromiseRejectedResult).reason;
	}
	return opened.map(o => (o as PromiseFulfilledResult<ImageHandle>).value) as [ImageHandle, ImageHandle];
}

/** Both loads at once, one progress line, and the blobs they share read once. */
export async function loadBoth(
	handles: [ImageHandle, ImageHandle],
	onProgress: (p: LoadProgress) => void,
	signal?: AbortSignal,
	cache: AnalysisCache | null = openCache(false),
): Promise<[AnalyzedImage, AnalyzedImage]> {
	const sharedReads = new Map<string, Promise<LayerContents>>();
	const latest: Array<LoadProgress | null> = [null, null];
	const report = (side: number) => (progress: LoadProgress) => {
		latest[side] = progress;
		const [a, b] = latest;
		if (!a || !b) return;
		const phases = [a.phase, b.phase];
		onProgress({
			phase: phases.includes('reading') ? 'reading' : phases.includes('analyzing') ? 'analyzing' : 'done',
			reference: `${escapeText(handles[0].reference, 80)} → ${escapeText(handles[1].reference, 80)}`,
			layers: [...a.layers, ...b.layers],
			elapsedMs: Math.max(a.elapsedMs, b.elapsedMs),
		});
	};
	const loads = [loadImage(handles[0], {onProgress: report(0), sharedReads, signal, cache}), loadImage(handles[1], {onProgress: report(1), sharedReads, signal, cache})];
	// Both settle before anything is thrown: no read is left running behind the error.
	const settled = await Promise.allSettled(loads);
	const failure = settled.find(s => s.status === 'rejected');
	if (failure) throw (failure as PromiseRejectedResult).reason;
	return settled.map(s => (s as PromiseFulfilledResult<AnalyzedImage>).value) as [AnalyzedImage, AnalyzedImage];
}

/** `peel diff OLD NEW …`: returns the exit code (0, or 1 for a regression under --ci). */
export async function runDiff(argv: string[]): Promise<number> {
	const {values, positionals} = parseCommandLine(argv);
	if (values.help) {
		process.stdout.write(DIFF_HELP);
		return 0;
	}
	if (positionals.length !== 2) throw new PeelError(`peel diff compares two images, got ${positionals.length}: use peel diff OLD NEW (see peel diff --help)`);
	const source = values.source as SourceChoice | undefined;
	if (source && !['docker', 'podman', 'registry'].includes(source)) throw new PeelError(`--source must be docker, podman or registry, not "${escapeText(source, 60)}"`);
	const inputs: [ImageInput, ImageInput] = [resolveInput(positionals[0]!, source), resolveInput(positionals[1]!, source)];
	const both = values.platform ? parsePlatform(values.platform) : hostPlatform();
	const ciMode = Boolean(values.ci) || ciFromEnvironment();
	const jsonPath = values.json;
	// A person at a terminal gets the diff explorer; pipes and logs keep the text report.
	const fullScreen = !ciMode && !jsonPath && Boolean(process.stdout.isTTY) && Boolean(process.stdin.isTTY);
	// Under the full-screen explorer a warning line would be drawn into its frame: held until the screen is given back.
	const heldWarnings: string[] = [];
	const cache = openCache(Boolean(values['no-cache']), process.env, fullScreen ? message => heldWarnings.push(message) : printWarning);
	const common = {insecureRegistries: values['insecure-registry'] ?? [], engineHost: values['engine-host'], keptBlobs: cache?.blobs};
	const options: [OpenOptions, OpenOptions] = [
		{...common, platform: values['old-platform'] ? parsePlatform(values['old-platform']) : both},
		{...common, platform: values['new-platform'] ? parsePlatform(values['new-platform']) : both},
	];
	const overrides = Object.fromEntries(DIFF_RULES.filter(r => values[r] !== undefined).map(r => [r, values[r]])) as Partial<Record<DiffRuleName, string>>;
	// Config mistakes are reported before any work is done (the YAML reader only for CI runs).
	const thresholds = ciMode ? (await import('../report/diff-ci-config.js')).loadDiffThresholds(values['ci-config'] ?? '.dive-ci', values['ci-config'] !== undefined, overrides) : null;
	const jsonTarget = jsonPath && jsonPath !== '-' ? resolveJsonTarget(jsonPath) : null;
	const inputPaths = inputs.flatMap(input => ('path' in input ? [input.path] : []));
	if (jsonTarget) refuseInputOverwrite(jsonTarget, inputPaths);

	if (fullScreen) {
		const {runDiffTui} = await import('../ui/diff/run-diff-tui.js');
		try {
			await runDiffTui(signal => openBoth(inputs, [{...options[0], signal}, {...options[1], signal}]), (handles, onProgress, signal) => loadBoth(handles, onProgress, signal, cache));
		} finally {
			for (const message of heldWarnings) printWarning(message);
		}
		return 0;
	}

	const progress = stderrProgress();
	const handles = await openBoth(inputs, options);
	try {
		const [oldImage, newImage] = await loadBoth(handles, progress.update, undefined, cache);
		progress.done();
		const comparison = compareImages(oldImage, newImage);
		if (jsonTarget) refuseInputOverwrite(jsonTarget, handles.flatMap(h => h.inputFiles?.() ?? []));
		if (jsonPath) writeJsonReport(jsonPath, jsonTarget, buildDiffJson(comparison));
		if (thresholds) {
			const {text, passed} = formatDiffCi(comparison, evaluateDiffRules(comparison, thresholds));
			(jsonPath === '-' ? process.stderr : process.stdout).write(text);
			return passed ? 0 : 1;
		}
		if (!jsonPath) process.stdout.write(formatDiffText(comparison));
		return 0;
	} finally {
		progress.done();
		await Promise.all(handles.map(h => h.close()));
	}
}
