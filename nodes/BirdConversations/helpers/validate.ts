import type { IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { BirdItemFunctions } from '../../shared/context';

export const UUID_PATTERN =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);

export function isUuid(value: unknown): boolean {
	return typeof value === 'string' && UUID.test(value.trim());
}

/** A NodeOperationError that names the field and says how to fix it; raised before any request. */
export function fieldError(
	context: BirdItemFunctions,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${field}: ${problem}`, {
		description: fix,
		itemIndex: context.getItemIndex(),
	});
}

export function assertUuid(context: BirdItemFunctions, field: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!isUuid(text)) {
		throw fieldError(
			context,
			field,
			text ? `"${text}" is not a valid ID` : 'is empty',
			`Bird IDs are UUIDs such as 67e4d358-ca94-421e-98b7-448860df9d33. Pick one from the list or copy it from a previous node.`,
		);
	}
	return text;
}

export function assertNotEmpty(
	context: BirdItemFunctions,
	field: string,
	value: unknown,
	fix: string,
): string {
	const text =
		typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
	if (!text.trim()) throw fieldError(context, field, 'is empty', fix);
	return text;
}

/** A required text parameter's value; refused, naming `field` and saying `fix`, when it is empty. */
export function requiredText(
	context: BirdItemFunctions,
	parameter: string,
	field: string,
	fix: string,
	fallback = '',
): string {
	return assertNotEmpty(context, field, context.getNodeParameter(parameter, fallback), fix);
}

function parameterValue(context: BirdItemFunctions, name: string): unknown {
	return context.getNodeParameter(name, undefined, { extractValue: true });
}

// Deliberate duplicate: validateConversationId and validateMessageId share n8n's preSend signature around one line
// each; they are the named functions the operations' routing lists.
/** preSend: the conversation picked in the resource locator must be a UUID before it goes into the path. */
export async function validateConversationId(
	this: BirdItemFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	assertUuid(this, 'Conversation', parameterValue(this, 'conversationId'));
	return requestOptions;
}

/** preSend: the message ID must be a UUID. */
export async function validateMessageId(
	this: BirdItemFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	assertUuid(this, 'Message ID', parameterValue(this, 'messageId'));
	return requestOptions;
}
