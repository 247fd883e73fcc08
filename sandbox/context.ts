import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Domain } from './domain';
import { BirdHttpError, notFound } from './errors';
import type { Faults } from './faults';
import type { SeedAccessKey } from './seed';
import type { Conversation, Participant, Store } from './store';
import type { Webhooks } from './webhooks';

export interface SandboxContext {
	store: Store;
	domain: Domain;
	webhooks: Webhooks;
	faults: Faults;
	/** The sandbox's own base URL, for upload and media URLs. */
	baseUrl: () => string;
	/** Lifetime of the pre-signed download links media URLs redirect to. */
	mediaLinkTtlSeconds: number;
}

export type Params = Record<string, string>;

const ACCESS_KEY = /^AccessKey (.+)$/;

/** The access key of the request: 401 without one or with an unknown one (inferred: Bird documents
 * no status for a missing or unknown key, docs/bird-api.md §1.3). */
export function callerKey(ctx: SandboxContext, request: FastifyRequest): SeedAccessKey {
	const header = request.headers.authorization;
	const match = typeof header === 'string' ? ACCESS_KEY.exec(header.trim()) : null;
	if (!match)
		throw new BirdHttpError(
			401,
			'Unauthorized',
			"Missing or malformed Authorization header; expected 'AccessKey <key>'",
		);
	const key = ctx.store.accessKeyBySecret(match[1]);
	if (!key) throw new BirdHttpError(401, 'Unauthorized', 'The access key is not valid');
	return key;
}

/** Authenticates and authorises the request for the workspace in its path: 404 unknown, 403 not allowed. */
export function authorise(
	ctx: SandboxContext,
	request: FastifyRequest,
): { key: SeedAccessKey; workspaceId: string } {
	const key = callerKey(ctx, request);
	const { workspaceId, organizationId } = request.params as Params;
	const workspace = ctx.store.workspace(workspaceId);
	if (!workspace) throw notFound(`Workspace '${workspaceId}' does not exist`);
	if (organizationId !== undefined && workspace.organizationId !== organizationId) {
		throw notFound(`Workspace '${workspaceId}' does not exist in organization '${organizationId}'`);
	}
	// An access key belongs to one organization and never reaches another organization's workspaces (inferred:
	// docs/bird-api.md §1.1 only says keys are managed per organization and carry access roles; 403 per §1.3).
	if (key.organizationId !== workspace.organizationId || !key.workspaceIds.includes(workspaceId)) {
		throw new BirdHttpError(403, 'Forbidden', 'User has no access to the requested resource');
	}
	return { key, workspaceId };
}

export function conversationOr404(
	ctx: SandboxContext,
	workspaceId: string,
	conversationId: string,
): Conversation {
	const conversation = ctx.store.conversation(workspaceId, conversationId);
	if (!conversation) throw notFound(`Conversation '${conversationId}' was not found`);
	return conversation;
}

/** A participant by its ID, or by identifier key and value (contacts only). */
export function participantOr404(
	ctx: SandboxContext,
	conversationId: string,
	id: string,
	identifier?: { key: string; value: string },
): Participant {
	const participants = ctx.store.participantsOf(conversationId);
	const found = identifier
		? participants.find(
				(p) =>
					p.contact?.identifierKey === identifier.key &&
					p.contact.identifierValue === identifier.value,
			)
		: participants.find((p) => p.id === id);
	if (!found)
		throw notFound(
			`Participant '${identifier ? `${identifier.key}/${identifier.value}` : id}' was not found in this conversation`,
		);
	return found;
}

export function send(reply: FastifyReply, status: number, body?: unknown): FastifyReply {
	if (body === undefined) return reply.code(status).send();
	return reply.code(status).send(body);
}
