import {describe, expect, it} from 'vitest';
import {changeKindFacts, changeKinds, countsByKind, strongerChange} from '../../source/model/change-kinds.js';
import {createTheme} from '../../source/ui/theme.js';
import {ChangeCode, changeCode} from '../../source/ui/tree/change-code.js';
import {changeMarker} from '../../source/ui/tree/row-text.js';

describe('change kinds: one definition, every view derived from it', () => {
	it('gives each kind its own code, marker and colour, none clashing with the views’ untouched/absent codes', () => {
		const theme = createTheme(true);
		const codes = changeKinds.map(kind => changeCode(kind));
		expect(new Set(codes).size).toBe(changeKinds.length);
		expect(codes).not.toContain(ChangeCode.Untouched);
		expect(codes).not.toContain(ChangeCode.Absent);
		expect(new Set(changeKinds.map(kind => changeMarker[changeCode(kind)])).size).toBe(changeKinds.length);
		for (const kind of changeKinds) {
			expect(changeMarker[changeCode(kind)]).toBe(changeKindFacts[kind].marker);
			expect(theme.change[changeCode(kind)]).toBeTruthy();
		}
		expect(new Set(changeKinds.map(kind => theme.change[changeCode(kind)])).size).toBe(changeKinds.length);
		expect(createTheme(false).change[changeCode('removed')]).toBeUndefined();
	});

	it('folds to the strongest change: removed > added > modified > rewritten unchanged', () => {
		expect(strongerChange('unchanged', 'modified')).toBe('modified');
		expect(strongerChange('added', 'modified')).toBe('added');
		expect(strongerChange('added', 'removed')).toBe('removed');
		expect(strongerChange(null, 'unchanged')).toBe('unchanged');
	});

	it('counts by kind in the kinds’ order (the JSON change counts)', () => {
		expect(Object.keys(countsByKind(() => 0))).toEqual(['added', 'modified', 'removed', 'unchanged']);
	});
});
