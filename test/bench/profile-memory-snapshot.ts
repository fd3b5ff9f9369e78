import {readFileSync} from 'node:fs';

/**
 * Sums a V8 heap snapshot's self sizes by what the objects are (constructor name for
 * objects, the type for strings, arrays, closures…), biggest first: where a heap goes.
 *
 *   node --max-old-space-size=8000 build/test/bench/profile-memory-snapshot.js FILE.heapsnapshot
 */
interface Snapshot {
	snapshot: {meta: {node_fields: string[]; node_types: [string[], ...unknown[]]}};
	nodes: number[];
	strings: string[];
}

const file = process.argv[2];
if (!file) throw new Error('usage: profile-memory-snapshot FILE.heapsnapshot');
const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const fields = snap.snapshot.meta.node_fields;
const types = snap.snapshot.meta.node_types[0];
const width = fields.length;
const typeAt = fields.indexOf('type');
const nameAt = fields.indexOf('name');
const sizeAt = fields.indexOf('self_size');
const groups = new Map<string, {count: number; bytes: number}>();
let total = 0;
for (let i = 0; i < snap.nodes.length; i += width) {
	const type = types[snap.nodes[i + typeAt]!]!;
	const size = snap.nodes[i + sizeAt]!;
	const name = snap.strings[snap.nodes[i + nameAt]!]!;
	// Strings are named by their text: group them by type alone.
	const key = type === 'object' || type === 'closure' || type === 'hidden' || type === 'object shape' ? `${type} ${name.slice(0, 60)}` : type;
	const group = groups.get(key) ?? {count: 0, bytes: 0};
	group.count++;
	group.bytes += size;
	groups.set(key, group);
	total += size;
}
console.log(`total ${(total / 1048576).toFixed(1)} MB in ${(snap.nodes.length / width).toLocaleString('en-US')} nodes`);
for (const [key, {count, bytes}] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 40)) {
	console.log(`${(bytes / 1048576).toFixed(1).padStart(8)} MB ${count.toLocaleString('en-US').padStart(11)} × ${(bytes / count).toFixed(0).padStart(5)} B  ${key}`);
}
