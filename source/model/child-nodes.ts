/** Up to this many children are kept in a plain list, searched by name; more go into a Map. */
const LISTED = 48;

/** The list of a directory without children yet (never changed: adding makes a new one). */
const NONE: never[] = [];

/**
 * A directory's children by name, as a ReadonlyMap, in insertion order. Most directories
 * hold a handful of entries: for them a list is a fraction of a Map's memory (a Map costs
 * ~45 bytes per child; on images of hundreds of thousands of paths, tens of MB) and a
 * scan of a few names is as quick as hashing one. Children are only ever added.
 */
export class ChildNodes<T extends {readonly name: string}> implements ReadonlyMap<string, T> {
	private list: T[] | null = NONE as T[];
	private byName: Map<string, T> | null = null;

	get size(): number {
		return this.list ? this.list.length : this.byName!.size;
	}

	get(name: string): T | undefined {
		const list = this.list;
		if (!list) return this.byName!.get(name);
		for (let i = 0; i < list.length; i++) if (list[i]!.name === name) return list[i];
		return undefined;
	}

	has(name: string): boolean {
		return this.get(name) !== undefined;
	}

	/** Adds a child whose name is not there yet. */
	add(child: T): void {
		const list = this.list;
		if (!list) {
			this.byName!.set(child.name, child);
			return;
		}
		if (list.length < LISTED) {
			// Copied into an array of the exact length: push would leave room for ~16 more, in every directory.
			const longer = new Array<T>(list.length + 1);
			for (let i = 0; i < list.length; i++) longer[i] = list[i]!;
			longer[list.length] = child;
			this.list = longer;
			return;
		}
		this.byName = new Map(list.map(node => [node.name, node]));
		this.byName.set(child.name, child);
		this.list = null;
	}

	values(): MapIterator<T> {
		return this.list ? this.list.values() : this.byName!.values();
	}

	*keys(): MapIterator<string> {
		for (const child of this.values()) yield child.name;
	}

	*entries(): MapIterator<[string, T]> {
		for (const child of this.values()) yield [child.name, child];
	}

	[Symbol.iterator](): MapIterator<[string, T]> {
		return this.entries();
	}

	forEach(callback: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
		for (const child of this.values()) callback.call(thisArg, child, child.name, this);
	}
}
