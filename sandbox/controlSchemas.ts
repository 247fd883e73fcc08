/**
 * Bodies of the simulation controls under /_sandbox (not Bird's API), validated like Bird's bodies by
 * sandbox/validation.ts: strict too, so a typo in a test's request fails loudly.
 */
const ref = (name: string) => ({ $ref: `bird#/components/schemas/${name}` });
const enumOf = (...values: string[]) => ({ type: 'string', enum: values });

export const controlSchemas = {
	simulateInbound: {
		type: 'object',
		additionalProperties: false,
		required: ['contact'],
		oneOf: [{ required: ['text'] }, { required: ['body'] }],
		properties: {
			contact: {
				type: 'object',
				additionalProperties: false,
				required: ['identifierValue'],
				properties: {
					identifierKey: { type: 'string', minLength: 1 },
					identifierValue: { type: 'string', minLength: 1 },
					displayName: { type: 'string' },
				},
			},
			text: { type: 'string' },
			body: ref('channels.messages.body.body'),
		},
	},
	sandboxFaults: {
		type: 'object',
		additionalProperties: false,
		properties: {
			failNext: {
				type: 'object',
				additionalProperties: false,
				required: ['count', 'status'],
				properties: {
					count: { type: 'integer', minimum: 0 },
					status: { type: 'integer', minimum: 400, maximum: 599 },
					// null: no Retry-After header at all (see FaultSettings in faults.ts).
					retryAfter: { type: 'integer', minimum: 0, nullable: true },
				},
			},
			latencyMs: { type: 'integer', minimum: 0, maximum: 60_000 },
			dropNext: { type: 'integer', minimum: 0 },
		},
	},
	sandboxUndeliverable: {
		type: 'object',
		additionalProperties: false,
		required: ['identifierValue'],
		properties: {
			identifierValue: { type: 'string', minLength: 1 },
			status: enumOf('sending_failed', 'delivery_failed'),
			reason: { type: 'string' },
		},
	},
	sandboxInteraction: {
		type: 'object',
		additionalProperties: false,
		required: ['type'],
		// Bird's interaction types (docs/bird-api.md §6.3).
		properties: {
			type: enumOf(
				'clicked',
				'delete-request',
				'invalid',
				'opened',
				'read',
				'reported-as-spam',
				'unsubscribe-request',
				'reaction',
				'conversion',
				'subscribe-request',
				'subscribe-consent',
			),
		},
	},
	sandboxRateLimits: {
		type: 'object',
		additionalProperties: false,
		required: ['enabled'],
		properties: { enabled: { type: 'boolean' } },
	},
	sandboxReset: {
		type: 'object',
		additionalProperties: false,
		properties: { seed: enumOf('demo', 'empty') },
	},
} as const;
