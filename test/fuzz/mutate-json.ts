import {CONTROL_STRINGS, deepJson} from './hostile.js';
import type {Prng} from './prng.js';

type Json = null | boolean | number | string | Json[] | {[key: string]: Json};
type Step = string | number;

/** Raw JSON texts a value can become; kept as text so a number is written exactly as given. */
const RAW_VALUES = [
	'null', 'true', 'false', '0', '-1', '-0', '0.5', '1.5e3', '9007199254740993', '18446744073709551616', '1e308', '1e999', '-1e999',
	'""', '"x"', '[]', '{}', '[null]', '{"a":1}', '"sha256:"', '"sha256:zz"', '"../../../etc/passwd"',
];

/** Every path in the document (breadth first, bounded so a huge document costs little). */
function paths(root: Json, limit = 4000): Step[][] {
	const out: Step[][] = [];
	const queue: Array<[Json, Step[]]> = [[root, []]];
	while (queue.length > 0 && out.length < limit) {
		const [node, at] = queue.shift()!;
		if (at.length > 0) out.push(at);
		if (Array.isArray(node)) node.forEach((child, i) => queue.push([child, [...at, i]]));
		else if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) queue.push([child, [...at, key]]);
	}
	return out;
}

function parentOf(root: Json, at: Step[]): any {
	let node: any = root;
	for (const step of at.slice(0, -1)) node = node[step];
	return node;
}

/**
 * One format-aware change to a JSON document: a field's type changed, nulled, dropped, a
 * huge/negative/fractional number, deep nesting, control characters, a long string. Returns
 * null when the document is not JSON (the byte mutators handle that).
 */
export function mutateJson(prng: Prng, bytes: Buffer): {bytes: Buffer; what: string} | null {
	let root: Json;
	try {
		root = JSON.parse(bytes.toString('utf8')) as Json;
	} catch {
		return null;
	}
	const all = paths(root);
	if (all.length === 0) return null;
	const at = prng.pick(all);
	const parent = parentOf(root, at);
	const key = at.at(-1)!;
	const current = parent[key] as Json;
	// Raw text is spliced in after stringify, through a placeholder string.
	const raws: string[] = [];
	const raw = (text: string) => `\u0000RAW${raws.push(text) - 1}\u0000`;
	let what: string;
	const op = prng.weighted([
		[3, 'type'], [2, 'null'], [2, 'drop'], [3, 'number'], [1, 'deep'], [2, 'control'], [1, 'long'], [1, 'wrap'], [1, 'add'],
	] as const);
	switch (op) {
		case 'type':
			parent[key] = raw(prng.pick(RAW_VALUES));
			what = `${at.join('.')} = ${raws[0]}`;
			break;
		case 'null':
			parent[key] = null;
			what = `${at.join('.')} = null`;
			break;
		case 'drop':
			if (Array.isArray(parent)) parent.splice(key as number, 1);
			else delete parent[key];
			what = `drop ${at.join('.')}`;
			break;
		case 'number': {
			const base = typeof current === 'number' ? current : 100;
			const text = prng.pick([`${-base}`, `${base + 0.5}`, `${base + 1}`, `${base - 1}`, `${2 ** 53 + 2}`, `${base}e300`, '-1', '0', '1e999']);
			parent[key] = raw(text);
			what = `${at.join('.')} = ${text}`;
			break;
		}
		case 'deep': {
			const depth = prng.pick([1000, 10_000, 100_000]);
			parent[key] = raw(prng.chance(0.5) ? deepJson(depth) : deepJson(depth, '{"a":', '}').replace('{"a":}', '{"a":1}'));
			what = `${at.join('.')} nested ${depth} deep`;
			break;
		}
		case 'control': {
			const evil = prng.pick(CONTROL_STRINGS);
			parent[key] = typeof current === 'string' && prng.chance(0.5) ? current + evil : evil;
			what = `${at.join('.')} with control characters ${JSON.stringify(evil)}`;
			break;
		}
		case 'long': {
			const length = prng.pick([4096, 1 << 20, 16 << 20]);
			parent[key] = (typeof current === 'string' ? current : 'x').padEnd(length, 'a/');
			what = `${at.join('.')} as a ${length}-character string`;
			break;
		}
		case 'wrap':
			parent[key] = prng.chance(0.5) ? [current] : {value: current};
			what = `${at.join('.')} wrapped`;
			break;
		default:
			if (Array.isArray(current)) current.push(...(current.length > 0 ? [current[0]!] : [null]));
			else if (current && typeof current === 'object') (current as Record<string, Json>)[prng.pick(['constructor', 'x', ''])] = 1;
			else parent[key] = [current, current];
			what = `${at.join('.')} grown`;
	}
	const text = JSON.stringify(root).replace(/"\\u0000RAW(\d+)\\u0000"/g, (_, i: string) => raws[Number(i)]!);
	return {bytes: Buffer.from(text, 'utf8'), what};
}
