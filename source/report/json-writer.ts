import {closeSync, openSync, writeSync} from 'node:fs';
import {flat, JsonRows} from './json-rows.js';

// Small: text waiting to be written survives garbage collections, and copying it costs.
const FLUSH_AT = 1 << 16;

/**
 * Writes JSON as it is produced, so a 300k-file report never exists as one string.
 * Iterables that are not arrays (generators) are written element by element, JsonRows
 * row by row; the text is exactly JSON.stringify(value, null, 2)'s.
 */
export class JsonWriter {
	private text = '';

	constructor(private readonly fd: number) {}

	static toFile(path: string): JsonWriter {
		return new JsonWriter(path === '-' ? 1 : openSync(path, 'w'));
	}

	/** Writes `value` whose first line sits at `indent`. A loop, not recursion: the image decides how deep values go. */
	write(value: unknown, indent = ''): void {
		const open: Frame[] = [];
		this.begin(value, indent, open);
		while (open.length > 0) {
			const top = open[open.length - 1]!;
			const inner = top.indent + '  ';
			if (top.entries) {
				let entry: [string, unknown] | undefined;
				while (top.next < top.entries.length && !entry) {
					const candidate = top.entries[top.next++]!;
					if (!leftOut(candidate[1])) entry = candidate; // JSON leaves these out of objects
				}
				if (!entry) {
					this.out(top.first ? '{}' : `\n${top.indent}}`);
					open.pop();
					continue;
				}
				this.out(`${top.first ? '{' : ','}\n${inner}${JSON.stringify(entry[0])}: `);
				top.first = false;
				this.begin(entry[1], inner, open);
			} else {
				const step = top.items!.next();
				if (step.done) {
					this.out(top.first ? '[]' : `\n${top.indent}]`);
					open.pop();
					continue;
				}
				this.out(top.first ? `[\n${inner}` : `,\n${inner}`);
				top.first = false;
				// As JSON.stringify writes them in arrays.
				this.begin(leftOut(step.value) ? null : step.value, inner, open);
			}
		}
	}

	/** Writes a value that needs no walking whole; opens a frame (written by the loop) for the others. */
	private begin(value: unknown, indent: string, open: Frame[]): void {
		if (value instanceof JsonRows) {
			this.writeRows(value as JsonRows<unknown>, indent);
			return;
		}
		const flat = flatRecord(value, indent);
		if (flat !== null) {
			this.out(flat);
			return;
		}
		// Long arrays item by item too: one big string of them would sit in memory until a full collection.
		if (shallowPlain(value) && !(Array.isArray(value) && value.length > 64)) {
			// Plain data: the native serializer (itself recursive, hence shallow only), re-indented to sit at this depth.
			const text = JSON.stringify(value ?? null, null, 2);
			this.out(indent ? text.replace(/\n/g, `\n${indent}`) : text);
			return;
		}
		if (isList(value)) open.push({items: (value as Iterable<unknown>)[Symbol.iterator](), entries: null, next: 0, indent, first: true});
		else open.push({items: null, entries: Object.entries(value as Record<string, unknown>), next: 0, indent, first: true});
	}

	private writeRows(rows: JsonRows<unknown>, indent: string): void {
		const inner = indent + '  ';
		const first = flat(`\n${inner}`);
		const next = flat(`,\n${inner}`);
		const frame = rows.frame(inner);
		let count = 0;
		this.out('[');
		for (const item of rows.items) {
			this.out((count++ === 0 ? first : next) + rows.format(item, frame));
		}
		this.out(count === 0 ? ']' : `\n${indent}]`);
	}

	private out(text: string): void {
		this.text += text;
		if (this.text.length >= FLUSH_AT) this.flush();
	}

	flush(): void {
		if (this.text) writeAll(this.fd, Buffer.from(this.text));
		this.text = '';
	}

	/** The closing newline, and everything flushed; the descriptor stays open for its owner. */
	end(): void {
		this.out('\n');
		this.flush();
	}

	close(): void {
		this.end();
		if (this.fd > 2) closeSync(this.fd);
	}
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * stdout may be a non-blocking pipe (`peel --json - … | jq`): a write can be partial or
 * fail with EAGAIN while the reader is behind; wait a moment and write the rest.
 */
export function writeAll(fd: number, bytes: Buffer): void {
	for (let done = 0; done < bytes.length; ) {
		try {
			done += writeSync(fd, bytes, done);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
			Atomics.wait(pause, 0, 0, 2);
		}
	}
}

function isList(value: unknown): boolean {
	return typeof value === 'object' && value !== null && (Array.isArray(value) || Symbol.iterator in value);
}

/** How deep plain data may go to be handed to JSON.stringify, which recurses. */
const NATIVE_DEPTH = 64;

/**
 * Whether JSON.stringify can write `value` as it is: no generator or JsonRows (written
 * lazily) inside, and no deeper than NATIVE_DEPTH. Walked with a stack of its own.
 */
function shallowPlain(value: unknown): boolean {
	const pending: Array<[unknown, number]> = [[value, 0]];
	while (pending.length > 0) {
		const [item, depth] = pending.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		if (item instanceof JsonRows || (!Array.isArray(item) && Symbol.iterator in item)) return false;
		if (depth >= NATIVE_DEPTH) return false;
		for (const child of Array.isArray(item) ? item : Object.values(item)) {
			if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
		}
	}
	return true;
}

/** A list (array or iterable) or an object being written, its next item not yet written. */
interface Frame {
	items: Iterator<unknown> | null;
	entries: Array<[string, unknown]> | null;
	next: number;
	indent: string;
	first: boolean;
}

function leftOut(value: unknown): boolean {
	return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

const quotedKeys = new Map<string, string>();

/**
 * An object of plain values (the rows of the long lists), formatted by hand exactly as
 * JSON.stringify(value, null, 2) would at this depth; null for anything else.
 */
function flatRecord(value: unknown, indent: string): string | null {
	if (typeof value !== 'object' || value === null) return null;
	// Plain objects only: a Date, a Map or a class instance is no bag of own plain values.
	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return null;
	const inner = indent + '  ';
	let text = '';
	for (const key in value) {
		if (!Object.hasOwn(value, key) || key === 'toJSON') return null;
		const item = (value as Record<string, unknown>)[key];
		let json: string;
		switch (typeof item) {
			case 'string':
				json = JSON.stringify(item);
				break;
			case 'number':
				json = Number.isFinite(item) ? String(item) : 'null';
				break;
			case 'boolean':
				json = item ? 'true' : 'false';
				break;
			case 'undefined':
			case 'function':
			case 'symbol':
				continue; // JSON leaves these out of objects
			default:
				if (item !== null) return null;
				json = 'null';
		}
		let quoted = quotedKeys.get(key);
		if (quoted === undefined) {
			quoted = JSON.stringify(key);
			if (quotedKeys.size < 1000) quotedKeys.set(key, quoted);
		}
		text += `${text ? ',' : ''}\n${inner}${quoted}: ${json}`;
	}
	return text ? `{${text}\n${indent}}` : '{}';
}
