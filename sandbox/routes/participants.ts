import type { FastifyInstance } from 'fastify';

import type { Params, SandboxContext } from '../context';
import { authorise, conversationOr404, participantOr404, send } from '../context';
import { paginate } from '../pagination';
import { validateBody } from '../validation';
import { participantView } from '../views';

const base = '/workspaces/:workspaceId/conversations/:conversationId/participants';

/** Conversation participants (docs/bird-api.md §4.1–§4.3). */
export function registerParticipantRoutes(app: FastifyInstance, ctx: SandboxContext): void {
	const conversationOf = (request: { params: unknown }, workspaceId: string) =>
		conversationOr404(ctx, workspaceId, (request.params as Params).conversationId);

	app.post(base, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOf(request, workspaceId);
		validateBody('createParticipant', request.body);
		const { created, participant } = ctx.domain.addParticipant(
			workspaceId,
			conversation,
			request.body as Record<string, any>,
		);
		return send(reply, created ? 201 : 200, participantView(participant));
	});

	app.get(base, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOf(request, workspaceId);
		const page = paginate(
			ctx.store.participantsOf(conversation.id),
			request.query as Record<string, string>,
			(p) => [p.createdAt, p.id],
			{
				newestFirst: false,
			},
		);
		return send(reply, 200, { ...page, results: page.results.map(participantView) });
	});

	app.get(`${base}/:participantId`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOf(request, workspaceId);
		return send(
			reply,
			200,
			participantView(
				participantOr404(ctx, conversation.id, (request.params as Params).participantId),
			),
		);
	});

	app.get(`${base}/:identifierKey/:identifierValue`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOf(request, workspaceId);
		const { identifierKey, identifierValue } = request.params as Params;
		return send(
			reply,
			200,
			participantView(
				participantOr404(ctx, conversation.id, '', { key: identifierKey, value: identifierValue }),
			),
		);
	});

	app.patch(`${base}/:participantId`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOf(request, workspaceId);
		const participant = participantOr404(
			ctx,
			conversation.id,
			(request.params as Params).participantId,
		);
		validateBody('updateParticipant', request.body ?? {});
		return send(
			reply,
			200,
			participantView(
				ctx.domain.updateParticipant(
					conversation,
					participant,
					(request.body ?? {}) as Record<string, any>,
				),
			),
		);
	});

	app.patch(`${base}/:identifierKey/:identifierValue`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOf(request, workspaceId);
		const { identifierKey, identifierValue } = request.params as Params;
		const participant = participantOr404(ctx, conversation.id, '', {
			key: identifierKey,
			value: identifierValue,
		});
		validateBody('updateParticipant', request.body ?? {});
		return send(
			reply,
			200,
			participantView(
				ctx.domain.updateParticipant(
					conversation,
					participant,
					(request.body ?? {}) as Record<string, any>,
				),
			),
		);
	});

	app.delete(`${base}/:participantId`, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const conversation = conversationOf(request, workspaceId);
		const participant = participantOr404(
			ctx,
			conversation.id,
			(request.params as Params).participantId,
		);
		ctx.domain.removeParticipant(conversation, participant);
		return send(reply, 204);
	});
}
