import type { FastifyInstance } from 'fastify';

import type { Params, SandboxContext } from '../context';
import { authorise, conversationOr404, send } from '../context';
import { invalidPayload } from '../errors';
import { paginate } from '../pagination';
import type { Conversation } from '../store';
import { validateBody } from '../validation';
import { conversationView } from '../views';

const base = '/workspaces/:workspaceId/conversations';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const byCreation = (c: Conversation): [string, string] => [c.createdAt, c.id];

/** Conversations (docs/bird-api.md §2.2–§2.6) and a participant's conversations (§4.4). */
export function registerConversationRoutes(app: FastifyInstance, ctx: SandboxContext): void {
	app.post(base, async (request, reply) => {
		const { key, workspaceId } = authorise(ctx, request);
		validateBody('createConversation', request.body);
		const conversation = ctx.domain.createConversation(
			workspaceId,
			key,
			request.body as Record<string, any>,
		);
		return send(reply, 201, conversationView(ctx.store, conversation));
	});

	app.get(base, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const query = request.query as Record<string, string>;
		let items = ctx.store.listableConversations(workspaceId);
		if (query.resource) {
			// Bird's list takes `<type>:<id>` of at most 60 characters (docs/bird-api.md §2.3).
			if (query.resource.length > 60 || !query.resource.includes(':')) {
				throw invalidPayload({
					'.resource': [
						'Must be <type>:<id> of at most 60 characters, e.g. task:ab651378-579a-4491-abe6-eec97d4c0fa3',
					],
				});
			}
			const [type, id] = query.resource.split(':');
			items = items.filter((c) => c.resource?.type === type && c.resource?.id === id);
		}
		// A filtered subsequence of the sorted list is still sorted.
		const page = paginate(items, query, byCreation, { newestFirst: true, sorted: true });
		return send(reply, 200, {
			...page,
			results: page.results.map((c) => conversationView(ctx.store, c)),
		});
	});

	app.get(`${base}/:conversationId`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOr404(
			ctx,
			workspaceId,
			(request.params as Params).conversationId,
		);
		return send(reply, 200, conversationView(ctx.store, conversation));
	});

	app.patch(`${base}/:conversationId`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOr404(
			ctx,
			workspaceId,
			(request.params as Params).conversationId,
		);
		validateBody('updateConversation', request.body);
		ctx.domain.updateConversation(conversation, request.body as Record<string, any>);
		return send(reply, 200, conversationView(ctx.store, conversation));
	});

	app.delete(`${base}/:conversationId`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOr404(
			ctx,
			workspaceId,
			(request.params as Params).conversationId,
		);
		ctx.domain.deleteConversation(conversation);
		return send(reply, 204);
	});

	// Conversations of one participant, by participant ID or by identifier key and value.
	const listForParticipant = (
		workspaceId: string,
		query: Record<string, string>,
		matches: (c: Conversation) => boolean,
	) => {
		// Bird's OpenAPI declares channelId a required uuid query parameter on both participant lists.
		if (!query.channelId)
			throw invalidPayload({ '.channelId': ["Query parameter 'channelId' is required"] });
		if (!UUID.test(query.channelId)) throw invalidPayload({ '.channelId': ['Must be a UUID'] });
		if (query.status && !['active', 'closed', 'deleted'].includes(query.status)) {
			throw invalidPayload({ '.status': ['Must be one of: active, closed, deleted'] });
		}
		const items = ctx.store.data.conversations.filter(
			(c) =>
				c.workspaceId === workspaceId &&
				(query.status ? c.status === query.status : c.status !== 'deleted') &&
				c.channelId === query.channelId &&
				(!query.visibility || c.visibility === query.visibility) &&
				matches(c),
		);
		const page = paginate(items, query, byCreation, { newestFirst: true });
		return { ...page, results: page.results.map((c) => conversationView(ctx.store, c)) };
	};

	app.get(
		'/workspaces/:workspaceId/participants/:participantId/conversations',
		async (request, reply) => {
			const { workspaceId } = authorise(ctx, request);
			const { participantId } = request.params as Params;
			const body = listForParticipant(workspaceId, request.query as Record<string, string>, (c) =>
				ctx.store.participantsOf(c.id).some((p) => p.id === participantId),
			);
			return send(reply, 200, body);
		},
	);

	app.get(
		'/workspaces/:workspaceId/participants/:identifierKey/:identifierValue/conversations',
		async (request, reply) => {
			const { workspaceId } = authorise(ctx, request);
			const { identifierKey, identifierValue } = request.params as Params;
			const body = listForParticipant(workspaceId, request.query as Record<string, string>, (c) =>
				ctx.store
					.participantsOf(c.id)
					.some(
						(p) =>
							p.contact?.identifierKey === identifierKey &&
							p.contact.identifierValue === identifierValue,
					),
			);
			return send(reply, 200, body);
		},
	);
}
