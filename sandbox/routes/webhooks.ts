import type { FastifyInstance, FastifyRequest } from 'fastify';

import type { Params, SandboxContext } from '../context';
import { authorise, send } from '../context';
import { notFound } from '../errors';
import { paginate } from '../pagination';
import type { Delivery, Subscription } from '../store';
import { validateBody } from '../validation';

const orgBase = '/organizations/:organizationId/workspaces/:workspaceId/webhook-subscriptions';
// Older docs (and production, per a third-party note) also answer without the organization segment.
const legacyBase = '/workspaces/:workspaceId/webhook-subscriptions';

function subscriptionView(s: Subscription): Record<string, unknown> {
	const view: Record<string, unknown> = {
		id: s.id,
		organizationId: s.organizationId,
		workspaceId: s.workspaceId,
		service: s.service,
		event: s.event,
		eventFilters: s.eventFilters,
		url: s.url,
		status: s.status,
		createdAt: s.createdAt,
		updatedAt: s.updatedAt,
	};
	if (s.template !== undefined) view.template = s.template;
	// The signing key is deliberately not echoed. Bird's generated samples do show it, but whether real
	// responses carry it is not verified (inferred, docs/bird-api.md §7.2); leaving it out makes clients keep
	// their own copy, which works either way.
	if (s.statusReason) view.statusReason = s.statusReason;
	return view;
}

function logView(d: Delivery): Record<string, unknown> {
	const last = d.attempts[d.attempts.length - 1];
	return {
		requestId: d.requestId,
		attemptCount: d.attempts.length,
		httpStatusCode: last?.httpStatusCode ?? 0,
		executionStatus: d.executionStatus,
		createdAt: d.createdAt,
	};
}

/** Webhook subscriptions and their logs (docs/bird-api.md §7.1–§7.4). */
export function registerWebhookRoutes(app: FastifyInstance, ctx: SandboxContext): void {
	const scope = (request: FastifyRequest) => {
		const { key, workspaceId } = authorise(ctx, request);
		return {
			organizationId: (request.params as Params).organizationId ?? key.organizationId,
			workspaceId,
		};
	};
	const subscriptionOr404 = (workspaceId: string, id: string) => {
		const found = ctx.store.data.subscriptions.find(
			(s) => s.id === id && s.workspaceId === workspaceId,
		);
		if (!found) throw notFound('The webhook subscription was not found.');
		return found;
	};

	for (const base of [orgBase, legacyBase]) {
		app.post(base, async (request, reply) => {
			const { organizationId, workspaceId } = scope(request);
			validateBody('createWebhookSubscription', request.body);
			return send(
				reply,
				201,
				subscriptionView(
					ctx.webhooks.create(organizationId, workspaceId, request.body as Record<string, any>),
				),
			);
		});

		app.get(base, async (request, reply) => {
			const { workspaceId } = scope(request);
			const query = request.query as Record<string, string>;
			const service = query['SearchFilters[service]'] ?? query['SearchFilter[service]'];
			const items = ctx.store.data.subscriptions.filter(
				(s) => s.workspaceId === workspaceId && (!service || s.service === service),
			);
			const page = paginate(items, query, (s) => [s.createdAt, s.id], { newestFirst: false });
			return send(reply, 200, { ...page, results: page.results.map(subscriptionView) });
		});

		app.get(`${base}/:subscriptionId`, async (request, reply) => {
			const { workspaceId } = scope(request);
			return send(
				reply,
				200,
				subscriptionView(subscriptionOr404(workspaceId, (request.params as Params).subscriptionId)),
			);
		});

		app.patch(`${base}/:subscriptionId`, async (request, reply) => {
			const { workspaceId } = scope(request);
			const subscription = subscriptionOr404(
				workspaceId,
				(request.params as Params).subscriptionId,
			);
			validateBody('updateWebhookSubscription', request.body);
			return send(
				reply,
				200,
				subscriptionView(ctx.webhooks.update(subscription, request.body as Record<string, any>)),
			);
		});

		app.delete(`${base}/:subscriptionId`, async (request, reply) => {
			const { workspaceId } = scope(request);
			ctx.webhooks.remove(
				subscriptionOr404(workspaceId, (request.params as Params).subscriptionId),
			);
			return send(reply, 204);
		});

		app.get(`${base}/:subscriptionId/logs`, async (request, reply) => {
			const { workspaceId } = scope(request);
			const subscription = subscriptionOr404(
				workspaceId,
				(request.params as Params).subscriptionId,
			);
			const query = request.query as Record<string, string>;
			const items = ctx.store.data.deliveries.filter(
				(d) =>
					d.subscriptionId === subscription.id &&
					(!query.executionStatus || d.executionStatus === query.executionStatus),
			);
			const page = paginate(items, query, (d) => [d.createdAt, d.requestId], { newestFirst: true });
			return send(reply, 200, { ...page, results: page.results.map(logView) });
		});

		app.get(`${base}/:subscriptionId/logs/details`, async (request, reply) => {
			const { workspaceId } = scope(request);
			const subscription = subscriptionOr404(
				workspaceId,
				(request.params as Params).subscriptionId,
			);
			const { requestId } = request.query as Record<string, string>;
			const delivery = ctx.store.data.deliveries.find(
				(d) => d.subscriptionId === subscription.id && d.requestId === requestId,
			);
			if (!delivery) throw notFound(`No delivery with request ID '${requestId ?? ''}'`);
			return send(reply, 200, {
				...logView(delivery),
				results: delivery.attempts.map((a) => ({
					attempt: a.attempt,
					httpStatusCode: a.httpStatusCode ?? 0,
					error: a.error ?? '',
					requestBody: delivery.body,
					createdAt: a.at,
					durationMs: a.durationMs,
				})),
			});
		});
	}
}
