import {describe, expect, it} from 'vitest';
import {nestsDeeperThan} from '../../source/sources/documents/json-depth.js';

const deeper = (text: string, limit: number) => nestsDeeperThan(Buffer.from(text), limit);

describe('JSON depth, counted without parsing or recursion', () => {
	it('counts arrays and objects, and stops at the limit', () => {
		expect(deeper('[[]]', 2)).toBe(false);
		expect(deeper('[[[]]]', 2)).toBe(true);
		expect(deeper('{"a":{"b":{"c":1}}}', 3)).toBe(false);
		expect(deeper('{"a":{"b":{"c":{}}}}', 3)).toBe(true);
		expect(deeper('['.repeat(1_000_000), 100)).toBe(true);
	});

	it('ignores brackets inside strings, escaped quotes included', () => {
		expect(deeper('["[[[[", 1]', 1)).toBe(false);
		expect(deeper('["\\"[[[[", 1]', 1)).toBe(false);
		expect(deeper('["\\\\\\"[[[", 1]', 1)).toBe(false);
		// an escaped backslash does not escape the quote after it
		expect(deeper('["\\\\", [[ ]]]', 2)).toBe(true);
		expect(deeper('[{"k\\u005b": "]]]]"}, {"x": [[]]}]', 3)).toBe(true);
	});

	it('agrees with JSON.parse about what the text nests, for multi-byte UTF-8 too', () => {
		const value = {a: ['é€😀[', {b: ['x']}], c: '"]'};
		const text = JSON.stringify(value);
		expect(deeper(text, 3)).toBe(true); // { a:[ { b:[ is 4 levels
		expect(deeper(text, 4)).toBe(false);
		expect(deeper(`[${text}]`, 4)).toBe(true);
	});
});
