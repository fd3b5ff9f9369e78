import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {describe, expect, it} from 'vitest';
import {tempDir} from '../helpers/temp-dir.js';

const SCRIPT = fileURLToPath(new URL('../../source/install/ink-throttle.mjs', import.meta.url));
const dir = tempDir('peel-install-');
// es-toolkit as installed with peel: the real package, which the shim must point into.
const realCompat = path.dirname(createRequire(import.meta.url).resolve('es-toolkit/compat'));

/** A project whose node_modules has a small stand-in for Ink (that imports `importLine`) and the real es-toolkit. */
function project(name: string, importLine: string): string {
	const root = path.join(dir, name);
	const ink = path.join(root, 'node_modules', 'ink');
	mkdirSync(path.join(ink, 'build'), {recursive: true});
	writeFileSync(path.join(root, 'package.json'), JSON.stringify({name, private: true}));
	writeFileSync(path.join(ink, 'package.json'), JSON.stringify({name: 'ink', type: 'module', exports: {default: './build/index.js'}}));
	writeFileSync(path.join(ink, 'build', 'index.js'), "export * from './ink.js';\n");
	writeFileSync(path.join(ink, 'build', 'ink.js'), `${importLine}\nexport const used = throttle;\n`);
	symlinkSync(path.resolve(realCompat, '..', '..'), path.join(root, 'node_modules', 'es-toolkit'));
	return root;
}

/** The postinstall as npm runs it, on `root`; what it said. */
function postinstall(root: string): string {
	return execFileSync(process.execPath, [SCRIPT, root], {env: {...process.env, PEEL_INSTALL_VERBOSE: '1'}, encoding: 'utf8'}).trim();
}

const shimOf = (root: string) => path.join(root, 'node_modules', 'ink', 'node_modules', 'es-toolkit');

describe("postinstall: Ink's throttle import without es-toolkit's compat index", () => {
	it("gives Ink es-toolkit's own throttle function, from one module, and does it again the same way", async () => {
		const root = project('plain', "import { throttle } from 'es-toolkit/compat';");
		const said = postinstall(root);
		expect(said).toMatch(/^peel: ink's es-toolkit import now loads (\.\.\/)+.*es-toolkit\/dist\/compat\/function\/throttle\.mjs$/);
		const shim = shimOf(root);
		// One re-export, of es-toolkit's own file (relative, so that the tree can move).
		const target = said.split(' now loads ')[1]!;
		expect(readFileSync(path.join(shim, 'compat.mjs'), 'utf8').split('\n').filter(line => !line.startsWith('//') && line)).toEqual([`export {throttle} from '${target}';`]);
		expect(path.resolve(shim, target)).toBe(path.join(realCompat, 'function', 'throttle.mjs'));
		// What Ink gets is the very function es-toolkit's compat index exports (its own code, not a copy).
		const ink = (await import(pathToFileURL(path.join(root, 'node_modules', 'ink', 'build', 'index.js')).href)) as {used: unknown};
		const published = (await import(pathToFileURL(path.join(realCompat, 'index.mjs')).href)) as {throttle: unknown};
		expect(typeof ink.used).toBe('function');
		expect(ink.used).toBe(published.throttle);
		// Again (every npm install runs it): the same shim, nothing else beside it.
		const before = readFileSync(path.join(shim, 'compat.mjs'), 'utf8');
		expect(postinstall(root)).toBe(said);
		expect(readFileSync(path.join(shim, 'compat.mjs'), 'utf8')).toBe(before);
		expect(existsSync(`${shim}.tmp`)).toBe(false);
	});

	it('writes nothing, and takes back an earlier shim, when Ink imports more than throttle from es-toolkit', () => {
		const root = project('more', "import { throttle } from 'es-toolkit/compat';");
		postinstall(root);
		expect(existsSync(shimOf(root))).toBe(true);
		// An Ink update that imports another function: the shim would lack it, so there must be none.
		writeFileSync(path.join(root, 'node_modules', 'ink', 'build', 'ink.js'), "import { throttle, debounce } from 'es-toolkit/compat';\nexport const used = [throttle, debounce];\n");
		expect(postinstall(root)).toBe('peel: ink imports more than throttle from es-toolkit: no shim');
		expect(existsSync(shimOf(root))).toBe(false);
	});

	it('leaves an es-toolkit Ink has of its own alone, and never fails the install', () => {
		const root = project('own', "import { throttle } from 'es-toolkit/compat';");
		const own = shimOf(root);
		mkdirSync(own, {recursive: true});
		writeFileSync(path.join(own, 'package.json'), JSON.stringify({name: 'es-toolkit', version: '9.9.9'}));
		expect(postinstall(root)).toBe('peel: ink has an es-toolkit of its own: left as it is');
		expect(JSON.parse(readFileSync(path.join(own, 'package.json'), 'utf8'))).toEqual({name: 'es-toolkit', version: '9.9.9'});
		// No ink at all: a line, exit code 0.
		const empty = path.join(dir, 'empty');
		mkdirSync(empty);
		expect(postinstall(empty)).toMatch(/^peel: no shim for ink's es-toolkit import \(.*\)$/);
	});
});
