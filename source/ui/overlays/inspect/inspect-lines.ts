import {jsonConfig} from '../../../report/json-config.js';
import type {ImageHandle} from '../../../sources/image-handle.js';
import {imageIdentity} from '../../../sources/identity.js';
import {formatPlatform} from '../../../sources/platform.js';
import {escapeText} from '../../../text/escape.js';
import {formatDuration} from './format-duration.js';
import {wrapValue} from './wrap-value.js';

/** One screen line: a section title, or a field's label column (blank on continuation rows) and text. */
export interface InspectLine {
	kind: 'section' | 'field';
	label: string;
	text: string;
	/** An absent value, or a note about one. */
	muted: boolean;
}

/** A value is shown whole up to this (escaped); past it the line says how much more there is. */
const VALUE_LIMIT = 64 * 1024;
const INDENT = '  ';
/** "Config digest" and a space. */
const LABEL_WIDTH = 14;

interface Field {
	label: string;
	/** One item per line (Env, Labels, ports); empty: absent. */
	items: string[];
	/** Shown instead when there are no items. */
	absent?: string;
}

const json = (value: unknown) => JSON.stringify(value);
const list = (value: string[] | null) => value ?? [];
const one = (value: string | null | undefined) => (value === null || value === undefined ? [] : [value === '' ? '""' : value]);

/** The Config section: the fields `docker inspect` shows under Config, and the image's own. */
function configFields(handle: ImageHandle): Field[] {
	const c = jsonConfig(handle.config, handle.configDigest);
	const labels = Object.entries(c.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	const platform = [c.os, c.architecture, c.variant].filter(Boolean).join('/');
	return [
		{label: 'Entrypoint', items: c.entrypoint ? [json(c.entrypoint)] : []},
		{label: 'Cmd', items: c.cmd ? [json(c.cmd)] : []},
		{label: 'Env', items: list(c.env)},
		{label: 'WorkingDir', items: one(c.workingDir)},
		{label: 'User', items: one(c.user), absent: '(none: root)'},
		{label: 'ExposedPorts', items: list(c.exposedPorts)},
		{label: 'Volumes', items: list(c.volumes)},
		{label: 'Labels', items: labels.map(([key, value]) => `${key}=${value}`)},
		{label: 'StopSignal', items: one(c.stopSignal)},
		{label: 'Healthcheck', items: healthcheckItems(c.healthcheck)},
		{label: 'Shell', items: c.shell ? [json(c.shell)] : []},
		{label: 'OnBuild', items: list(c.onBuild)},
		{label: 'OS/Arch', items: platform ? [platform] : []},
		{label: 'Created', items: one(c.created)},
		{label: 'Author', items: one(c.author)},
		{label: 'Config digest', items: one(c.digest)},
	];
}

/** Test as docker writes it; the durations (nanoseconds in the config) as Go prints them. */
function healthcheckItems(check: Record<string, unknown> | null): string[] {
	if (!check) return [];
	return Object.entries(check).map(([key, value]) => {
		const duration = typeof value === 'number' && /^(Interval|Timeout|StartPeriod|StartInterval)$/.test(key);
		return `${key}: ${duration ? formatDuration(value) : typeof value === 'string' ? value : json(value)}`;
	});
}

function platformFields(handle: ImageHandle): Field[] {
	const entries = handle.indexEntries?.filter(entry => !entry.attestation) ?? [];
	return [
		{label: 'Platform', items: handle.platform ? [formatPlatform(handle.platform)] : [], absent: '(unknown)'},
		{label: 'OS version', items: one(handle.config['os.version'])},
		{
			label: 'Index',
			items: handle.indexDigest && entries.length > 0 ? [`one of ${entries.length} platform${entries.length === 1 ? '' : 's'} in the index`] : [],
			absent: '(none: a single-platform image)',
		},
	];
}

/** The resolution chain, as typed down to the config, and the reference that pins this image. */
function identityFields(handle: ImageHandle): Field[] {
	const id = imageIdentity(handle);
	const repository = id.pinnedReference ? id.pinnedReference.slice(0, id.pinnedReference.lastIndexOf('@')) : null;
	const fields: Field[] = [
		{label: 'Typed', items: [id.typedReference]},
		{label: 'Normalized', items: [id.reference]},
		{label: 'Index', items: one(id.indexDigest), absent: '(none: not picked from a multi-platform index)'},
		{label: 'Manifest', items: one(id.manifestDigest), absent: handle.source === 'docker-archive' ? '(none: this docker save archive keeps no manifest)' : '(unknown)'},
		{label: 'Config', items: one(id.configDigest), absent: '(unknown)'},
		{label: 'Image ID', items: id.imageId ? [`${id.imageId.replace(/^sha256:/, '').slice(0, 12)} (the config digest, as docker images shows it)`] : [], absent: '(unknown)'},
		{label: 'Pinned', items: one(id.pinnedReference), absent: `(none: ${id.unpinned ?? 'unknown'})`},
	];
	// Teaching the difference: the index digest pins every platform at once.
	if (repository && id.indexDigest) fields.push({label: 'All platforms', items: [`${repository}@${id.indexDigest}`]});
	return fields;
}

/** A field's rows: beside its label, or under it when the value fits whole only there (digests at 80 columns). */
function fieldLines(field: Field, width: number): InspectLine[] {
	const valueWidth = Math.max(width - INDENT.length - LABEL_WIDTH, 10);
	const blank = ' '.repeat(INDENT.length + LABEL_WIDTH);
	const head = `${INDENT}${field.label.padEnd(LABEL_WIDTH - 1)} `;
	if (field.items.length === 0) {
		return wrapValue(escapeText(field.absent ?? '(none)'), valueWidth).map((row, i) => ({kind: 'field', label: i === 0 ? head : blank, text: row, muted: true}));
	}
	const lines: InspectLine[] = [];
	for (const item of field.items) {
		const shown = escapeText(item, VALUE_LIMIT);
		const cut = shown.length < [...item].length && shown.endsWith('…');
		const under = `${INDENT}${INDENT}`;
		// Only a field's one value goes under its label: a list stays in its column.
		const alone = field.items.length === 1 && [...shown].length > valueWidth && [...shown].length <= width - under.length;
		const rows = alone ? [shown] : wrapValue(shown, valueWidth);
		if (alone) {
			if (lines.length === 0) lines.push({kind: 'field', label: head.trimEnd(), text: '', muted: false});
			lines.push({kind: 'field', label: under, text: shown, muted: false});
		} else {
			rows.forEach(row => lines.push({kind: 'field', label: lines.length === 0 ? head : blank, text: row, muted: false}));
		}
		if (cut) lines.push({kind: 'field', label: blank, text: `(${[...item].length.toLocaleString('en-US')} characters: cut here; peel --json has it whole)`, muted: true});
	}
	return lines;
}

function section(title: string, fields: Field[], width: number): InspectLine[] {
	return [{kind: 'section', label: '', text: title, muted: false}, ...fields.flatMap(field => fieldLines(field, width))];
}

/** Every line of the overlay at `width` columns. Pure: the same image and width, the same lines. */
export function inspectLines(handle: ImageHandle, width: number): InspectLine[] {
	return [
		...section('Config', configFields(handle), width),
		{kind: 'field', label: '', text: '', muted: false},
		...section('Identity', identityFields(handle), width),
		{kind: 'field', label: '', text: '', muted: false},
		...section('Platform', platformFields(handle), width),
	];
}
