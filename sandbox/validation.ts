import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

import { invalidPayload } from './errors';
import { controlSchemas } from './controlSchemas';
import { birdDetails } from './validationErrors';
import createConversationDoc from './schemas/createConversation.json';
import { MESSAGE_STATUSES } from './store';

/**
 * Request validation. Create conversation uses Bird's complete OpenAPI document
 * (schemas/createConversation.json, copied from Bird's docs); the other bodies use schemas written from
 * docs/bird-api.md and Bird's API pages that reuse that document's shared definitions (message body, template, recipients).
 */
const ajv = new Ajv({ allErrors: true, strict: false, discriminator: false });
addFormats(ajv);
// OpenAPI number formats carry no extra rule for JSON validation.
for (const format of ['int32', 'int64', 'uint32', 'uint64', 'float', 'double'])
	ajv.addFormat(format, true);
ajv.addSchema({ ...(toJsonSchema(createConversationDoc) as object), $id: 'bird' });

/**
 * OpenAPI 3.0 allows `nullable: true` next to `$ref`/`oneOf` without a `type`, which JSON Schema (and ajv)
 * does not; such nodes become `anyOf: [<node>, {type: "null"}]`.
 */
function toJsonSchema(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(toJsonSchema);
	if (!node || typeof node !== 'object') return node;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema(value);
	if (out.nullable === true && out.type === undefined) {
		delete out.nullable;
		return { anyOf: [out, { type: 'null' }] };
	}
	return out;
}

const ref = (name: string) => ({ $ref: `bird#/components/schemas/${name}` });
const uuid = { type: 'string', format: 'uuid' };
const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
/**
 * OpenAPI's `{type: string, enum, nullable: true}` admits null, but ajv's `nullable` only widens `type`:
 * the enum still rejects null unless it lists it (ajv docs, "nullable").
 */
const nullableEnumOf = (...values: string[]) => ({
	type: 'string',
	nullable: true,
	enum: [...values, null],
});
const conversationStatus = enumOf('deleted', 'active', 'closed', 'spam', 'archived');
const participantStatus = enumOf('pending', 'invited', 'active');

const schemas = {
	// Bird's schema states "a list of up to 5 conversation participants" only in prose; enforce it too.
	createConversation: {
		allOf: [ref('CreateConversation'), { properties: { participants: { maxItems: 5 } } }],
	},
	updateConversation: {
		type: 'object',
		additionalProperties: false,
		properties: {
			name: { type: 'string', nullable: true, maxLength: 250 },
			description: { type: 'string', nullable: true, maxLength: 250 },
			status: conversationStatus,
			visibility: ref('inbox.conversations.visibility'),
			accessibility: ref('inbox.conversations.accessibility'),
			attributes: { type: 'object', nullable: true },
		},
	},
	createMessage: {
		type: 'object',
		additionalProperties: false,
		required: ['participantId', 'participantType'],
		oneOf: [{ required: ['body'] }, { required: ['template'] }],
		properties: {
			participantId: { type: 'string', minLength: 1 },
			participantType: enumOf('accessKey', 'contact', 'flow', 'user'),
			participantContactIdentifierKey: { type: 'string' },
			participantContactIdentifierValue: { type: 'string' },
			body: ref('channels.messages.body.body'),
			template: ref('channels.messages.template'),
			recipients: ref('CreateMessageRecipients'),
			addMissingParticipants: { type: 'boolean' },
			draft: { type: 'boolean' },
			reference: { type: 'string' },
			replyToMessageId: uuid,
			sender: ref('MessageSender'),
		},
	},
	updateMessage: {
		type: 'object',
		additionalProperties: false,
		minProperties: 1,
		properties: {
			draft: { type: 'boolean', nullable: true },
			body: ref('channels.messages.body.body'),
			sender: ref('MessageSender'),
			// Nullable in Bird's UpdateMessage (docs/bird-api.md §3.5; schema on
			// https://docs.bird.com/api/conversations-api/api-reference/conversations-messaging/update-conversation-message);
			// that null leaves the status as it is, is inferred.
			status: nullableEnumOf(...MESSAGE_STATUSES),
			recipients: ref('CreateMessageRecipients'),
			addMissingParticipants: { type: 'boolean' },
			replyToMessageId: uuid,
		},
	},
	createParticipant: {
		type: 'object',
		oneOf: [
			{
				additionalProperties: false,
				required: ['id', 'type'],
				properties: {
					id: { type: 'string', minLength: 1 },
					type: enumOf('user', 'flow'),
					status: participantStatus,
				},
			},
			{
				additionalProperties: false,
				required: ['id', 'type'],
				properties: {
					id: uuid,
					type: enumOf('contact'),
					status: participantStatus,
					contact: { type: 'object' },
				},
			},
			{
				additionalProperties: false,
				required: ['type', 'contact'],
				properties: {
					type: enumOf('contact'),
					status: participantStatus,
					contact: {
						type: 'object',
						additionalProperties: false,
						required: ['identifierValue'],
						properties: {
							identifierKey: { type: 'string', minLength: 1 },
							identifierValue: { type: 'string', minLength: 1 },
							platformAddressSelector: { type: 'string', maxLength: 100 },
						},
					},
				},
			},
		],
	},
	updateParticipant: {
		type: 'object',
		additionalProperties: false,
		// Nullable in Bird's UpdateParticipant (docs/bird-api.md §4.2; schema on
		// https://docs.bird.com/api/conversations-api/api-reference/conversation-participants/update-participant-by-id);
		// that null leaves the participant's status as it is, is inferred.
		properties: { status: nullableEnumOf(...participantStatus.enum) },
	},
	presignedUpload: {
		type: 'object',
		additionalProperties: false,
		required: ['contentType'],
		properties: { contentType: { type: 'string', minLength: 1 } },
	},
	conversationalChannel: {
		type: 'object',
		additionalProperties: false,
		required: ['status'],
		properties: { status: enumOf('active', 'inactive') },
	},
	createWebhookSubscription: {
		type: 'object',
		additionalProperties: false,
		required: ['service', 'event', 'url'],
		properties: {
			service: enumOf('channels', 'numbers', 'payments', 'conversations', 'templates'),
			event: { type: 'string', minLength: 1 },
			eventFilters: { type: 'array', nullable: true, items: filterSchema() },
			template: { type: 'string' },
			url: { type: 'string', minLength: 1 },
			signingKey: { type: 'string' },
		},
	},
	updateWebhookSubscription: {
		type: 'object',
		additionalProperties: false,
		minProperties: 1,
		properties: {
			template: { type: 'string' },
			url: { type: 'string', minLength: 1 },
			signingKey: { type: 'string' },
			status: enumOf('active', 'inactive'),
			// Nullable as on create: Bird's UpdateWebhookSubscription schema (minProperties 1, no extra keys) marks it
			// so (https://docs.bird.com/api/notifications-api/api-reference/webhook-subscriptions/update-a-webhook-subscription,
			// docs/bird-api.md §7.2). That null leaves the filters as they are is inferred, like a null status on
			// UpdateMessage; `[]` removes them (and is checked against the 5-per-combination limit).
			eventFilters: { type: 'array', nullable: true, items: filterSchema() },
		},
	},
	...controlSchemas,
} as const;

function filterSchema() {
	return {
		type: 'object',
		additionalProperties: false,
		required: ['key', 'value'],
		properties: { key: { type: 'string', minLength: 1 }, value: { type: 'string' } },
	};
}

export type SchemaName = keyof typeof schemas;

const compiled = new Map<SchemaName, ValidateFunction>();

function validatorFor(name: SchemaName): ValidateFunction {
	let fn = compiled.get(name);
	if (!fn) {
		fn = ajv.compile(schemas[name] as object);
		compiled.set(name, fn);
	}
	return fn;
}

/** Throws Bird's 422 InvalidPayload with a details map of JSON path → messages when the body is invalid. */
export function validateBody(name: SchemaName, body: unknown): void {
	const validate = validatorFor(name);
	if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw invalidPayload({ '.': ['The request body must be a JSON object'] });
	}
	if (validate(body)) return;
	throw invalidPayload(birdDetails(validate.errors ?? [], body));
}
