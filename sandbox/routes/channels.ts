import type { FastifyInstance } from 'fastify';

import type { Params, SandboxContext } from '../context';
import { authorise, send } from '../context';
import { notFound } from '../errors';
import { now } from '../store';
import { validateBody } from '../validation';

const path = '/workspaces/:workspaceId/channels/:channelId/conversational';

/** The conversations configuration of a channel (docs/bird-api.md §2, intro): whether inbound messages on a channel start conversations. */
export function registerChannelRoutes(app: FastifyInstance, ctx: SandboxContext): void {
	const configOr404 = (workspaceId: string, channelId: string) => {
		if (!ctx.store.channel(workspaceId, channelId))
			throw notFound(`Channel '${channelId}' was not found`);
		return ctx.store.data.channelConfig[channelId];
	};

	app.get(path, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const config = configOr404(workspaceId, (request.params as Params).channelId);
		return send(reply, 200, { status: config.status });
	});

	app.patch(path, async (request, reply) => {
		const { workspaceId } = authorise(ctx, request);
		const config = configOr404(workspaceId, (request.params as Params).channelId);
		validateBody('conversationalChannel', request.body);
		config.status = (request.body as { status: 'active' | 'inactive' }).status;
		config.updatedAt = now();
		return send(reply, 200, config);
	});
}
