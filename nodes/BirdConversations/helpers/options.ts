import type { BirdItemFunctions } from '../../shared/context';

/**
 * Whether a boolean under Options (e.g. Simplify, Oldest First) is on. False when the operation has no such option:
 * postReceive functions run for every item, and reading a parameter that is not shown throws.
 */
export function optionChosen(context: BirdItemFunctions, name: string): boolean {
	try {
		return context.getNodeParameter(`options.${name}`, false) === true;
	} catch {
		return false;
	}
}
