import type { FastifyInstance } from 'fastify';

import type { Params, SandboxContext } from '../context';
import { authorise, conversationOr404, send } from '../context';
import { invalidPayload, notFound } from '../errors';
import { paginate } from '../pagination';
import { validateBody } from '../validation';
import { messageView } from '../views';

const base = '/workspaces/:workspaceId/conversations/:conversationId/messages';

/** Conversation messages (docs/bird-api.md §3.1–§3.5). */
export function registerMessageRoutes(app: FastifyInstance, ctx: SandboxContext): void {
	const scope = (request: { params: unknown; headers: any }) => {
		const { key, workspaceId } = authorise(ctx, request as any);
		const conversation = conversationOr404(
			ctx,
			workspaceId,
			(request.params as Params).conversationId,
		);
		return { key, workspaceId, conversation };
	};
	const messageOr404 = (conversationId: string, messageId: string) => {
		const message = ctx.store.message(conversationId, messageId);
		if (!message) throw notFound(`Message '${messageId}' was not found in this conversation`);
		return message;
	};

	app.post(base, async (request, reply) => {
		const { workspaceId, conversation } = scope(request);
		validateBody('createMessage', request.body);
		const message = ctx.domain.sendMessage(
			workspaceId,
			conversation,
			request.body as Record<string, any>,
		);
		return send(reply, 201, messageView(message));
	});

	app.get(base, async (request, reply) => {
		const { conversation } = scope(request);
		const query = request.query as Record<string, string>;
		let items = ctx.store.messagesOf(conversation.id);
		if (query.dateFrom) {
			const from = Date.parse(query.dateFrom);
			if (Number.isNaN(from))
				throw invalidPayload({ '.dateFrom': ['Must be a date-time, e.g. 2024-11-25T20:12:10Z'] });
			items = items.filter((m) => Date.parse(m.createdAt) > from);
		}
		// Bird's examples list the newest message first; reverse=true gives oldest first.
		const page = paginate(items, query, (m) => [m.createdAt, m.id], { newestFirst: true });
		return send(reply, 200, { ...page, results: page.results.map(messageView) });
	});

	app.get(`${base}/:messageId`, async (request, reply) => {
		const { conversation } = scope(request);
		return send(
			reply,
			200,
			messageView(messageOr404(conversation.id, (request.params as Params).messageId)),
		);
	});

	app.patch(`${base}/:messageId`, async (request, reply) => {
		const { workspaceId, conversation } = scope(request);
		const message = messageOr404(conversation.id, (request.params as Params).messageId);
		validateBody('updateMessage', request.body);
		ctx.domain.updateMessage(
			workspaceId,
			conversation,
			message,
			request.body as Record<string, any>,
		);
		return send(reply, 200, messageView(message));
	});

	app.delete(`${base}/:messageId`, async (request, reply) => {
		const { conversation } = scope(request);
		ctx.domain.deleteMessage(
			conversation,
			messageOr404(conversation.id, (request.params as Params).messageId),
		);
		return send(reply, 204);
	});
}
