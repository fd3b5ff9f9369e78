import {render, Text} from 'ink';
import React from 'react';
import {afterEach, describe, expect, test} from 'vitest';
import {useExplorerInput} from '../../source/ui/hooks/use-explorer-input.js';
import {chunkKeys} from '../../source/ui/keymap/key-names.js';
import type {ExplorerAction} from '../../source/ui/state/explorer-reducer.js';
import {FakeStdin, FakeStdout} from './helpers/fake-terminal.js';

const names = (chunk: string) => chunkKeys(chunk).map(press => press.names);

describe('chunkKeys splits a read into its keypresses', () => {
	test('the chunks of issue 11: a control key or Tab next to another key', () => {
		expect(names('j\t')).toEqual([['j'], ['tab']]);
		expect(names('\u0015j')).toEqual([['ctrl+u'], ['j']]);
		expect(names('j\u000f')).toEqual([['j'], ['ctrl+o']]);
		expect(names('\u001B[F\t\u0015')).toEqual([['end'], ['tab'], ['ctrl+u']]);
	});

	test('printable text, Space, Enter, Backspace, NUL and Ctrl+letters', () => {
		expect(names('ab c')).toEqual([['a'], ['b'], ['space'], ['c']]);
		expect(names('x\ry\u007f\b\u0000\u0001\u001a')).toEqual([['x'], ['return'], ['y'], ['backspace'], ['backspace'], ['ctrl+space'], ['ctrl+a'], ['ctrl+z']]);
		// One keypress per character, astral ones included; the text is what it typed.
		expect(chunkKeys('é😀/')).toEqual([
			{names: ['é'], text: 'é'},
			{names: ['😀'], text: '😀'},
			{names: ['/'], text: '/'},
		]);
	});

	test('CSI and SS3 sequences, with modifiers, between other keys', () => {
		expect(names('\u001B[A\u001B[B\u001B[C\u001B[D')).toEqual([['up'], ['down'], ['right'], ['left']]);
		expect(names('\u001BOA\u001BOH\u001BOF')).toEqual([['up'], ['home'], ['end']]);
		expect(names('\u001B[1;5Aj\u001B[5~\u001B[6~\u001B[1~\u001B[4~\u001B[3~')).toEqual([['up'], ['j'], ['pageup'], ['pagedown'], ['home'], ['end'], ['backspace']]);
		// Shift+Tab, and the kitty keyboard's Ctrl+M told apart from Enter (CSI u).
		expect(names('\u001B[Z\u001B[109;5u\u001B[13u')).toEqual([['tab'], ['ctrl+m'], ['return']]);
		// Focus reports and mouse sequences are one keypress each, bound to nothing.
		expect(chunkKeys('\u001B[Ij\u001B[<0;10;5M')).toEqual([
			{names: [], text: '\u001B[I'},
			{names: ['j'], text: 'j'},
			{names: [], text: '\u001B[<0;10;5M'},
		]);
	});

	test('a lone ESC, ESC ESC, Alt+key and a sequence cut short', () => {
		expect(names('\u001B')).toEqual([['escape']]);
		expect(names('\u001B\u001B')).toEqual([['escape'], ['escape']]);
		expect(names('\u001Bq')).toEqual([[]]);
		expect(chunkKeys('j\u001B[1;')).toEqual([
			{names: ['j'], text: 'j'},
			{names: [], text: '\u001B[1;'},
		]);
	});
});

/** The names the explorer's input hook dispatches for what arrives on stdin, read by read. */
function Recorder({onAction}: {onAction: (action: ExplorerAction) => void}) {
	useExplorerInput(onAction);
	return <Text>keys</Text>;
}

let unmount: (() => void) | null = null;
afterEach(() => {
	unmount?.();
	unmount = null;
});

async function dispatched(reads: string[]): Promise<string[][]> {
	const stdin = new FakeStdin();
	const actions: ExplorerAction[] = [];
	const instance = render(<Recorder onAction={action => actions.push(action)} />, {
		stdout: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	unmount = () => instance.unmount();
	const settle = () => new Promise(resolve => setImmediate(() => setImmediate(resolve)));
	await settle();
	for (const read of reads) {
		stdin.press(read);
		await settle();
	}
	return actions.map(action => (action.type === 'key' ? action.names : []));
}

describe('through Ink: keys in one read are the keys sent one by one', () => {
	const sequences: string[][] = [
		['j', '\t'],
		['\u0015', 'j'],
		['j', '\u000f'],
		['\u001B[F', '\t', '\u0015'],
		['k', '\u0001', '\u0002', '\u0000', '\r', '\u007f', ' ', 'q'],
		['\u001B[A', 'x', '\u001B[6~', '\u0012', '\u001B[Z', '?'],
	];
	test.each(sequences.map(keys => [JSON.stringify(keys.join('')), keys]))('%s', async (_, keys) => {
		const oneByOne = await dispatched(keys as string[]);
		unmount?.();
		const together = await dispatched([(keys as string[]).join('')]);
		expect(together).toEqual(oneByOne);
		// And each key was named (nothing dropped as unnamed).
		expect(together.every(n => n.length > 0)).toBe(true);
	});
});
