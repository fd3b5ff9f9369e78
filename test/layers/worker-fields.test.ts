import {createHash} from 'node:crypto';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {contentHash} from '../../source/layers/decode-layer.js';
import type {LayerEntry} from '../../source/layers/layer-entry.js';
import {readLayer} from '../../source/layers/read-layer.js';
import {gzip} from '../fixtures/compress.js';
import {deterministicBytes} from '../fixtures/random.js';
import {runTool} from '../fixtures/run-tool.js';
import {makeTar, type TarEntrySpec} from '../fixtures/tar.js';

/**
 * Every field of every entry as it comes back from the layer worker threads (the decoder
 * users run), checked against GNU tar's own listing of the same bytes and the fixture's
 * known contents — over more entries than one batch holds, so several batches cross over.
 */

const typeOf: Record<string, LayerEntry['kind']> = {'-': 'file', d: 'dir', l: 'symlink', h: 'hardlink', c: 'char', b: 'block', p: 'fifo'};

/** `-rwsr-xr-t` → 0o5755: permission bits and setuid/setgid/sticky from ls-style text. */
function modeBits(text: string): number {
	let mode = 0;
	const rwx = text.slice(1);
	for (let i = 0; i < 9; i++) {
		const c = rwx[i]!;
		if (c !== '-' && c !== 'S' && c !== 'T') mode |= 1 << (8 - i);
	}
	if ('sS'.includes(rwx[2]!)) mode |= 0o4000;
	if ('sS'.includes(rwx[5]!)) mode |= 0o2000;
	if ('tT'.includes(rwx[8]!)) mode |= 0o1000;
	return mode;
}

interface Listed {
	path: string;
	kind: LayerEntry['kind'];
	mode: number;
	uid: number;
	gid: number;
	size: number;
	link: string | null;
}

/** GNU tar's `-tv --numeric-owner` listing, parsed. */
async function tarListing(tar: Buffer): Promise<Listed[]> {
	const {code, stdout, stderr} = await runTool('tar', ['-tv', '--numeric-owner', '--quoting-style=literal', '-f', '-'], tar);
	expect(code, stderr).toBe(0);
	return stdout
		.toString()
		.trimEnd()
		.split('\n')
		.map(line => {
			const match = /^(\S{10})\s+(\d+)\/(\d+)\s+(\S+)\s+\S+\s+\S+\s+(.*)$/.exec(line);
			if (!match) throw new Error(`unparsed tar line: ${line}`);
			const [, mode, uid, gid, size, rest] = match;
			const kind = typeOf[mode![0]!]!;
			let path = rest!;
			let link: string | null = null;
			const arrow = kind === 'symlink' ? ' -> ' : kind === 'hardlink' ? ' link to ' : null;
			if (arrow) [path, link] = rest!.split(arrow) as [string, string];
			return {
				path: path.replace(/\/$/, ''),
				kind,
				mode: modeBits(mode!),
				uid: Number(uid),
				gid: Number(gid),
				size: size!.includes(',') ? 0 : Number(size),
				link,
			};
		});
}

function specs(): TarEntrySpec[] {
	const entries: TarEntrySpec[] = [{name: 'srv/', type: 'directory', mode: 0o1777, uid: 33, gid: 33}];
	for (let i = 0; i < 9000; i++) {
		const dir = `srv/d${i % 37}`;
		if (i < 37) entries.push({name: `${dir}/`, type: 'directory', mode: 0o2755, uid: 1000 + i, gid: 65534});
		entries.push({name: `${dir}/f${i}.txt`, content: `file ${i}\n`.repeat(i % 11), mode: [0o644, 0o600, 0o4755, 0o755][i % 4]!, uid: i, gid: 3_000_000 + i});
	}
	entries.push(
		{name: 'usr/bin/big', content: deterministicBytes('big', 3 << 20), mode: 0o755},
		{name: 'usr/bin/empty', content: ''},
		{name: 'usr/bin/sh', type: 'symlink', linkname: '../../bin/busybox'},
		{name: 'usr/bin/big-again', type: 'link', linkname: 'usr/bin/big', mode: 0o755},
		{name: 'dev/null', type: 'character-device', mode: 0o666, devmajor: 1, devminor: 3},
		{name: 'dev/sda', type: 'block-device', mode: 0o660, gid: 6, devmajor: 8, devminor: 0},
		{name: 'run/fifo', type: 'fifo', mode: 0o600},
	);
	return entries;
}

describe('entries from the layer worker threads', () => {
	it('carry every field exactly as GNU tar lists the same bytes, across many batches', async () => {
		const entrySpecs = specs();
		const tar = await makeTar(entrySpecs);
		const listed = await tarListing(tar);
		const read = await readLayer(Readable.from([gzip(tar)]), {label: 'layer 1'});
		expect(read.entries).toHaveLength(listed.length);
		read.entries.forEach((entry, i) => {
			const want = listed[i]!;
			expect({path: entry.path, kind: entry.kind, mode: entry.mode, uid: entry.uid, gid: entry.gid, size: entry.size, link: entry.linkTarget}).toEqual(want);
		});
		// Content hashes and typeflags against what the fixture wrote.
		const byName = new Map(entrySpecs.map(spec => [spec.name.replace(/\/$/, ''), spec]));
		const flags: Record<string, number> = {file: 48, link: 49, symlink: 50, 'character-device': 51, 'block-device': 52, directory: 53, fifo: 54};
		for (const entry of read.entries) {
			const spec = byName.get(entry.path)!;
			expect(entry.typeFlag).toBe(flags[spec.type ?? 'file']);
			const content = spec.type === undefined || spec.type === 'file' ? Buffer.from(spec.content ?? '') : null;
			expect(entry.hash).toBe(content ? contentHash(createHash('sha256').update(content).digest('base64url')) : null);
		}
	});
});
