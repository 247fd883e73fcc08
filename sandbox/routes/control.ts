import type { FastifyInstance } from 'fastify';

import type { Params, SandboxContext } from '../context';
import { send } from '../context';
import { DEMO } from '../seed';
import { validateBody } from '../validation';
import { messageView, conversationView } from '../views';

export interface ControlHooks {
	/** Resets to the named seed, or to the seed the sandbox started with when none is named; returns its name. */
	reset(seed: 'demo' | 'empty' | undefined): string;
}

/**
 * Simulation controls under /_sandbox: never part of Bird's API, no access key needed. They let tests and
 * the demo act as the outside world (a customer writing in) and inspect what Bird would have sent.
 */
export function registerControlRoutes(
	app: FastifyInstance,
	ctx: SandboxContext,
	hooks: ControlHooks,
): void {
	app.get('/_sandbox/channels', async (_request, reply) =>
		send(reply, 200, {
			results: ctx.store.data.seed.channels.map((c) => ({
				...c,
				conversational: ctx.store.data.channelConfig[c.id]?.status,
			})),
		}),
	);

	app.post('/_sandbox/channels/:channelId/inbound', async (request, reply) => {
		const { channelId } = request.params as Params;
		const input = (request.body ?? {}) as Record<string, any>;
		validateBody('simulateInbound', input);
		const channel = ctx.store.data.seed.channels.find((c) => c.id === channelId);
		const workspaceId = channel?.workspaceId ?? DEMO.workspaceId;
		const body = input.body ?? { type: 'text', text: { text: String(input.text ?? '') } };
		const { conversation, message } = ctx.domain.receiveInbound(
			workspaceId,
			channelId,
			input.contact,
			body,
		);
		return send(reply, 201, {
			conversation: conversationView(ctx.store, conversation),
			message: messageView(message),
		});
	});

	// Messages to this recipient fail from now on (until a reset): their outbound events end in the failure.
	app.post('/_sandbox/undeliverable', async (request, reply) => {
		validateBody('sandboxUndeliverable', request.body);
		const input = request.body as {
			identifierValue: string;
			status?: 'sending_failed' | 'delivery_failed';
			reason?: string;
		};
		const failure = {
			status: input.status ?? 'delivery_failed',
			reason: input.reason ?? 'The recipient could not be reached',
		};
		ctx.domain.undeliverable.set(input.identifierValue, failure);
		return send(reply, 200, { identifierValue: input.identifierValue, ...failure });
	});

	// A recipient opens, clicks, reads… a sent message: fires `<platform>.interaction`.
	app.post('/_sandbox/messages/:messageId/interactions', async (request, reply) => {
		validateBody('sandboxInteraction', request.body);
		const { messageId } = request.params as Params;
		const workspaceId =
			ctx.store.data.messages.find((m) => m.id === messageId)?.workspaceId ?? DEMO.workspaceId;
		const payload = ctx.domain.interact(
			workspaceId,
			messageId,
			(request.body as { type: string }).type,
		);
		return send(reply, 201, payload);
	});

	app.post('/_sandbox/reset', async (request, reply) => {
		validateBody('sandboxReset', request.body ?? {});
		const seed = hooks.reset(((request.body ?? {}) as { seed?: 'demo' | 'empty' }).seed);
		return send(reply, 200, { ok: true, seed });
	});

	app.get('/_sandbox/deliveries', async (request, reply) => {
		const { event, subscriptionId } = request.query as Record<string, string>;
		const results = ctx.store.data.deliveries
			.filter(
				(d) =>
					(!event || d.event === event) && (!subscriptionId || d.subscriptionId === subscriptionId),
			)
			// `status` and `attempt` summarise the latest attempt; `attempts` lists every one of them.
			.map((d) => ({
				...d,
				status: d.attempts[d.attempts.length - 1]?.httpStatusCode ?? null,
				attempt: d.attempts.length,
				body: JSON.parse(d.body) as unknown,
				rawBody: d.body,
			}));
		return send(reply, 200, { results });
	});

	app.get('/_sandbox/webhook-subscriptions', async (_request, reply) =>
		send(reply, 200, { results: ctx.store.data.subscriptions }),
	);

	app.post('/_sandbox/faults', async (request, reply) => {
		validateBody('sandboxFaults', request.body ?? {});
		return send(reply, 200, ctx.faults.configure((request.body ?? {}) as Record<string, any>));
	});

	app.post('/_sandbox/rate-limits', async (request, reply) => {
		validateBody('sandboxRateLimits', request.body ?? {});
		ctx.faults.rateLimits = ((request.body ?? {}) as { enabled?: boolean }).enabled !== false;
		return send(reply, 200, { enabled: ctx.faults.rateLimits });
	});

	app.get('/_sandbox/state', async (_request, reply) =>
		send(reply, 200, {
			conversations: ctx.store.data.conversations.length,
			messages: ctx.store.data.messages.length,
			participants: ctx.store.data.participants.length,
			subscriptions: ctx.store.data.subscriptions.length,
			deliveries: ctx.store.data.deliveries.length,
		}),
	);
}
