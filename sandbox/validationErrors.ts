import type { ErrorObject } from 'ajv';

/**
 * Ajv's errors in Bird's ValidationError form: `details` maps JSON paths of the request (".a.b[0]") to
 * arrays of messages (docs/bird-api.md §1.2).
 */

/** Ajv's "/initialMessage/body" becomes Bird's ".initialMessage.body"; array indexes stay as [0]. */
function birdPath(error: ErrorObject): string {
	const parts = error.instancePath.split('/').filter(Boolean);
	let path = parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');
	if (error.keyword === 'required')
		path += `.${(error.params as { missingProperty: string }).missingProperty}`;
	if (error.keyword === 'additionalProperties') {
		path += `.${(error.params as { additionalProperty: string }).additionalProperty}`;
	}
	return path || '.';
}

function birdMessage(error: ErrorObject): string {
	switch (error.keyword) {
		case 'required':
			return `Property '${(error.params as { missingProperty: string }).missingProperty}' is missing`;
		case 'additionalProperties':
			return `Property '${(error.params as { additionalProperty: string }).additionalProperty}' is not allowed`;
		case 'maxLength':
			return `Maximum string length is ${(error.params as { limit: number }).limit}`;
		case 'minLength':
			return `Minimum string length is ${(error.params as { limit: number }).limit}`;
		case 'maxItems':
			return `Maximum number of items is ${(error.params as { limit: number }).limit}`;
		case 'enum':
			return `Must be one of: ${(error.params as { allowedValues: Array<string | null> }).allowedValues.map(String).join(', ')}`;
		default:
			return error.message
				? error.message.charAt(0).toUpperCase() + error.message.slice(1)
				: 'Invalid value';
	}
}

function valueAt(root: unknown, instancePath: string): unknown {
	let value: unknown = root;
	for (const part of instancePath.split('/').filter(Boolean)) {
		value =
			value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
	}
	return value;
}

/**
 * Bird's unions (message body, actions, participants) are discriminated by `type`, and ajv reports the
 * failures of every variant. Keep only what concerns the variant the caller chose: drop the other
 * variants' "type must be X" and "property X is missing" errors; when the chosen type exists in no
 * variant, say once which types are allowed.
 */
function withoutOtherVariants(errors: ErrorObject[], root: unknown): ErrorObject[] {
	const typeErrors = new Map<string, ErrorObject[]>();
	for (const error of errors) {
		if (
			(error.keyword === 'enum' || error.keyword === 'const') &&
			error.instancePath.endsWith('/type')
		) {
			const list = typeErrors.get(error.instancePath) ?? [];
			list.push(error);
			typeErrors.set(error.instancePath, list);
		}
	}
	const result: ErrorObject[] = [];
	const variantsOf = (list: ErrorObject[]) =>
		list.flatMap((e) =>
			e.keyword === 'enum'
				? (e.params as { allowedValues: string[] }).allowedValues
				: [(e.params as { allowedValue: string }).allowedValue],
		);
	for (const error of errors) {
		const isType = typeErrors.get(error.instancePath)?.includes(error);
		if (isType) {
			const list = typeErrors.get(error.instancePath)!;
			if (list.length < 2) {
				result.push(error);
				continue;
			}
			// A union: report once, and only when the chosen type fits no variant.
			const allowed = [...new Set(variantsOf(list))];
			const chosen = valueAt(root, error.instancePath);
			if (list[0] === error && !(typeof chosen === 'string' && knownVariants.has(chosen))) {
				result.push({ ...error, keyword: 'enum', params: { allowedValues: allowed } });
			}
			continue;
		}
		if (error.keyword === 'required') {
			const parentTypePath = `${error.instancePath}/type`;
			const siblings = typeErrors.get(parentTypePath);
			const missing = (error.params as { missingProperty: string }).missingProperty;
			const chosen = valueAt(root, parentTypePath);
			if (siblings && siblings.length > 1 && typeof chosen === 'string' && missing !== chosen) {
				const allowed = variantsOf(siblings);
				if (allowed.includes(missing)) continue;
			}
		}
		result.push(error);
	}
	return result;
}

/** Every discriminator value of Bird's unions (message bodies, actions, participant refs). */
const knownVariants = new Set([
	'text',
	'html',
	'image',
	'gif',
	'file',
	'location',
	'carousel',
	'list',
	'section',
	'authentication',
	'action',
	'link',
	'reply',
	'locationRequest',
	'buy',
	'postback',
	'contact',
	'user',
	'flow',
	'accessKey',
	'agent',
	'bot',
	'collaborationAutomation',
]);

/** The `details` of Bird's 422 for ajv's errors on `body`. */
export function birdDetails(errors: ErrorObject[], body: unknown): Record<string, string[]> {
	const details: Record<string, string[]> = {};
	for (const error of withoutOtherVariants(errors, body)) {
		// oneOf/anyOf summaries repeat what the branch errors already say.
		if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
		const path = birdPath(error);
		const message = birdMessage(error);
		details[path] = details[path] ?? [];
		if (!details[path].includes(message)) details[path].push(message);
	}
	if (Object.keys(details).length === 0)
		details['.'] = ['The request body does not match any allowed shape'];
	return details;
}
