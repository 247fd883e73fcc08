import type { IDataObject } from 'n8n-workflow';

/**
 * Tolerant readers for Bird's JSON. Bird's payloads differ between views and channels (docs/bird-api.md),
 * so the nodes read fields without trusting their type: a missing or odd-typed field reads as empty.
 */

/** The value as an object; anything else (null, an array, a string) reads as `{}`. */
export const asObject = (value: unknown): IDataObject =>
	value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};

/** The objects in an array; a missing array reads as `[]`, and entries that are not objects are left out. */
export const asObjects = (value: unknown): IDataObject[] =>
	Array.isArray(value)
		? value.filter((entry) => entry && typeof entry === 'object').map(asObject)
		: [];

/** A string with something in it, as given; blank or non-string values read as undefined. */
export const nonBlank = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;
