/**
 * Normalizes a tar entry name the way extractors do: strips leading `/` and `./`,
 * trailing `/`, empty and `.` components, and folds `..`. Returns null when the
 * name climbs out of the image root (`../x`, `a/../../x`): such an entry must be refused.
 * Returns '' for the root itself (`./`, `/`).
 */
export function normalizeEntryPath(name: string): string | null {
	const parts: string[] = [];
	for (const part of name.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') {
			if (parts.length === 0) return null;
			parts.pop();
			continue;
		}
		parts.push(part);
	}
	return parts.join('/');
}
