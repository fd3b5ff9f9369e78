/** One challenge of a WWW-Authenticate header, e.g. Bearer realm="…",service="…". */
export interface Challenge {
	/** Lowercase: bearer, basic, … */
	scheme: string;
	params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;

/**
 * Parses WWW-Authenticate values (RFC 9110): several challenges per header or several
 * headers; quoted values may contain commas, e.g. scope="repository:a/b:pull,push".
 */
export function parseChallenges(values: string[]): Challenge[] {
	const challenges: Challenge[] = [];
	for (const value of values) parseOne(value, challenges);
	return challenges;
}

function parseOne(text: string, out: Challenge[]): void {
	let i = 0;
	const skip = (chars: RegExp) => {
		while (i < text.length && chars.test(text[i]!)) i++;
	};
	const token = (): string | null => {
		TOKEN.lastIndex = i;
		const match = TOKEN.exec(text);
		if (!match) return null;
		i += match[0].length;
		return match[0];
	};
	const quoted = (): string => {
		let result = '';
		i++; // opening quote
		while (i < text.length && text[i] !== '"') {
			if (text[i] === '\\' && i + 1 < text.length) i++;
			result += text[i];
			i++;
		}
		i++; // closing quote
		return result;
	};

	while (i < text.length) {
		skip(/[\s,]/);
		const scheme = token();
		if (!scheme) {
			i++;
			continue;
		}
		const challenge: Challenge = {scheme: scheme.toLowerCase(), params: {}};
		out.push(challenge);
		for (;;) {
			skip(/[\s,]/);
			const start = i;
			const name = token();
			if (!name) break;
			skip(/[ \t]/);
			if (text[i] !== '=') {
				// A bare token: the next challenge's scheme.
				i = start;
				break;
			}
			i++;
			skip(/[ \t]/);
			if (text[i] === '"') challenge.params[name.toLowerCase()] = quoted();
			else if (text[i] === '=' || i >= text.length || text[i] === ',') {
				// token68 (e.g. Negotiate abc==): not a parameter; skip it.
				skip(/=/);
			} else challenge.params[name.toLowerCase()] = token() ?? '';
		}
	}
}
