import type {Command, Scope} from './commands.js';
import {keymap, type KeyBinding, type KeyName} from './keymap.js';

/** scope → key → command, built once from the keymap table. */
function buildLookup(bindings: KeyBinding[]): Map<Scope, Map<KeyName, Command>> {
	const lookup = new Map<Scope, Map<KeyName, Command>>();
	for (const binding of bindings) {
		for (const scope of binding.scopes) {
			let keys = lookup.get(scope);
			if (!keys) lookup.set(scope, (keys = new Map()));
			for (const key of binding.keys) if (!keys.has(key)) keys.set(key, binding.command);
		}
	}
	return lookup;
}

const lookup = buildLookup(keymap);

/** The command for a keypress, trying the scopes in order (most specific first). */
export function resolveCommand(names: KeyName[], scopes: Scope[]): Command | null {
	for (const scope of scopes) {
		const keys = lookup.get(scope);
		if (!keys) continue;
		for (const name of names) {
			const command = keys.get(name);
			if (command) return command;
		}
	}
	return null;
}

/** Bindings for the hints line of the given scopes, in table order. */
export function bindingsFor(scopes: Scope[]): KeyBinding[] {
	return keymap.filter(binding => binding.scopes.some(scope => scopes.includes(scope)));
}
