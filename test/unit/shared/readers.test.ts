import { asObject, asObjects, nonBlank } from '../../../nodes/shared/readers';

describe('tolerant readers for Bird JSON', () => {
	it('asObject keeps objects and reads everything else as {}', () => {
		const body = { id: 'c1' };
		expect(asObject(body)).toBe(body);
		for (const odd of [null, undefined, 'text', 3, ['a'], true]) expect(asObject(odd)).toEqual({});
	});

	it('asObjects keeps the objects of an array, in order, and drops the rest', () => {
		expect(asObjects([{ a: 1 }, null, 'x', [1], { b: 2 }])).toEqual(
			[{ a: 1 }, [1], { b: 2 }].map(asObject),
		);
		expect(asObjects([{ a: 1 }, null, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
		expect(asObjects({ a: 1 })).toEqual([]);
		expect(asObjects(undefined)).toEqual([]);
	});

	it('nonBlank returns a string with content as given, and undefined for blanks and non-strings', () => {
		expect(nonBlank(' Hi ')).toBe(' Hi ');
		for (const blank of ['', '   ', '\n', null, undefined, 5, {}])
			expect(nonBlank(blank)).toBeUndefined();
	});
});
