import {closeSync, openSync, writeSync} from 'node:fs';

const FLUSH_AT = 1 << 20;

/**
 * Writes JSON as it is produced, so a 300k-file report never exists as one string.
 * Iterables that are not arrays (generators) are written element by element.
 */
export class JsonWriter {
	private buffer = '';

	constructor(private readonly fd: number) {}

	static toFile(path: string): JsonWriter {
		return new JsonWriter(path === '-' ? 1 : openSync(path, 'w'));
	}

	write(value: unknown, indent = ''): void {
		if (!containsLazy(value)) {
			// Plain data: the native serializer, re-indented to sit at this depth.
			const text = JSON.stringify(value ?? null, null, 2);
			this.out(indent ? text.replace(/\n/g, `\n${indent}`) : text);
			return;
		}
		const inner = indent + '  ';
		if (isList(value)) {
			let first = true;
			this.out('[');
			for (const item of value as Iterable<unknown>) {
				this.out(first ? `\n${inner}` : `,\n${inner}`);
				this.write(item, inner);
				first = false;
			}
			this.out(first ? ']' : `\n${indent}]`);
			return;
		}
		const entries = Object.entries(value as Record<string, unknown>);
		this.out('{');
		entries.forEach(([key, item], i) => {
			this.out(`${i ? ',' : ''}\n${inner}${JSON.stringify(key)}: `);
			this.write(item, inner);
		});
		this.out(`\n${indent}}`);
	}

	private out(text: string): void {
		this.buffer += text;
		if (this.buffer.length >= FLUSH_AT) this.flush();
	}

	flush(): void {
		if (this.buffer) writeSync(this.fd, this.buffer);
		this.buffer = '';
	}

	close(): void {
		this.out('\n');
		this.flush();
		if (this.fd > 2) closeSync(this.fd);
	}
}

function isList(value: unknown): boolean {
	return typeof value === 'object' && value !== null && (Array.isArray(value) || Symbol.iterator in value);
}

/** Whether a generator (written lazily) hides inside; small plain values are checked shallowly fast. */
function containsLazy(value: unknown): boolean {
	if (typeof value !== 'object' || value === null) return false;
	if (!Array.isArray(value) && Symbol.iterator in value) return true;
	const children = Array.isArray(value) ? value : Object.values(value);
	return children.some(child => typeof child === 'object' && child !== null && containsLazy(child));
}
