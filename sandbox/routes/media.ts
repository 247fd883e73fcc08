import { createHmac, randomBytes } from 'crypto';

import type { FastifyInstance } from 'fastify';

import type { Params, SandboxContext } from '../context';
import { authorise, conversationOr404, send } from '../context';
import { notFound } from '../errors';
import type { Media } from '../store';
import { newId } from '../store';
import { validateBody } from '../validation';

const MAX_UPLOAD_BYTES = 100 * 1024 * 1024; // Bird's documented maximum (docs/bird-api.md §3.6)
const BUCKET = 'channels-message-media-sandbox';
const SIGNING_SECRET = randomBytes(16).toString('hex');

const s3Error = (code: string, message: string) =>
	`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/**
 * The pre-signed upload flow (docs/bird-api.md §3.6): Bird hands out an S3 POST form, the client
 * posts the bytes there without an access key, and the message references the returned mediaUrl. Here the
 * "S3 bucket" is the sandbox itself (/_s3/...), and the media is served back under /_media/... .
 */
export function registerMediaRoutes(app: FastifyInstance, ctx: SandboxContext): void {
	app.post(
		'/workspaces/:workspaceId/conversations/:conversationId/presigned-upload',
		async (request, reply) => {
			const { workspaceId } = authorise(ctx, request);
			const conversation = conversationOr404(
				ctx,
				workspaceId,
				(request.params as Params).conversationId,
			);
			validateBody('presignedUpload', request.body);
			const { contentType } = request.body as { contentType: string };
			const id = newId();
			const key = `${workspaceId}/${id}`;
			const mediaPath = `/workspaces/${workspaceId}/conversations/${conversation.id}/media/${id}`;
			const policy = Buffer.from(
				JSON.stringify({
					expiration: new Date(Date.now() + 3_600_000).toISOString(),
					conditions: [{ bucket: BUCKET }, { key }, { 'Content-Type': contentType }],
				}),
			).toString('base64');
			const formData: Record<string, string> = {
				'Content-Type': contentType,
				acl: 'private',
				bucket: BUCKET,
				key,
				policy,
				'x-amz-algorithm': 'AWS4-HMAC-SHA256',
				'x-amz-credential': `SANDBOX/${new Date().toISOString().slice(0, 10).replace(/-/g, '')}/local/s3/aws4_request`,
				'x-amz-date': new Date()
					.toISOString()
					.replace(/[-:]/g, '')
					.replace(/\.\d+Z$/, 'Z'),
				'x-amz-meta-allowed-paths': mediaPath,
				'x-amz-meta-channel-id': conversation.channelId,
				'x-amz-meta-conversation-id': conversation.id,
				'x-amz-security-token': randomBytes(12).toString('base64'),
				'x-amz-signature': createHmac('sha256', SIGNING_SECRET).update(policy).digest('hex'),
			};
			const media: Media = {
				id,
				workspaceId,
				conversationId: conversation.id,
				contentType,
				formData,
			};
			ctx.store.data.media.push(media);
			return send(reply, 200, {
				mediaUrl: `${ctx.baseUrl()}/_media${mediaPath}`,
				uploadUrl: `${ctx.baseUrl()}/_s3/${BUCKET}`,
				uploadMethod: 'POST',
				uploadFormData: formData,
			});
		},
	);

	app.post(`/_s3/${BUCKET}`, async (request, reply) => {
		const fields: Record<string, string> = {};
		let file: { data: Buffer; filename: string } | undefined;
		let fieldAfterFile = false;
		for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES } })) {
			if (part.type === 'file') {
				const data = await part.toBuffer();
				if (part.fieldname === 'file') file = { data, filename: part.filename };
			} else {
				if (file) fieldAfterFile = true;
				fields[part.fieldname] = String(part.value);
			}
		}
		const media = ctx.store.data.media.find((m) => m.formData.key === fields.key);
		const reject = (code: string, message: string) =>
			reply.code(403).type('application/xml').send(s3Error(code, message));
		if (!media) return reject('AccessDenied', 'Unknown key');
		for (const [name, value] of Object.entries(media.formData)) {
			if (fields[name] !== value)
				return reject('AccessDenied', `Form field ${name} does not match the policy`);
		}
		// S3 ignores every field after the file, so a form with the file first loses its policy fields.
		if (fieldAfterFile)
			return reject('InvalidArgument', 'The file field must be the last field of the form');
		if (!file)
			return reply
				.code(400)
				.type('application/xml')
				.send(s3Error('InvalidArgument', 'POST requires a file field'));
		media.data = file.data.toString('base64');
		media.filename = file.filename;
		return reply.code(204).send();
	});

	/**
	 * A media URL needs the access key and answers with a redirect to a short-lived pre-signed S3 link,
	 * which is fetched without it (inferred: docs/bird-api.md §8; Bird documents only that media is served
	 * from media.api.bird.com). The link's signature and expiry are checked like S3's. Real S3 is another
	 * host, so HTTP clients drop the AccessKey header on the redirect; here it is the same host, so a header
	 * that comes along is ignored rather than refused.
	 */
	app.get(
		'/_media/workspaces/:workspaceId/conversations/:conversationId/media/:mediaId',
		async (request, reply) => {
			const { workspaceId } = authorise(ctx, request);
			const { mediaId } = request.params as Params;
			const media = ctx.store.data.media.find(
				(m) => m.id === mediaId && m.workspaceId === workspaceId,
			);
			if (!media?.data) throw notFound(`Media '${mediaId}' was not found or was never uploaded`);
			const date = String(Math.floor(Date.now() / 1000));
			const query = new URLSearchParams({
				'X-Amz-Date': date,
				'X-Amz-Expires': String(ctx.mediaLinkTtlSeconds),
				'X-Amz-Signature': linkSignature(media.formData.key, date),
			});
			return reply.redirect(`${ctx.baseUrl()}/_s3/${BUCKET}/${media.formData.key}?${query}`, 302);
		},
	);

	app.get(`/_s3/${BUCKET}/:workspaceId/:mediaId`, async (request, reply) => {
		const { workspaceId, mediaId } = request.params as Params;
		const query = request.query as Record<string, string>;
		const key = `${workspaceId}/${mediaId}`;
		const refuse = (status: number, code: string, message: string) =>
			reply.code(status).type('application/xml').send(s3Error(code, message));
		if (query['X-Amz-Signature'] !== linkSignature(key, String(query['X-Amz-Date'] ?? ''))) {
			return refuse(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided',
			);
		}
		const signedAt = Number(query['X-Amz-Date']);
		if (Math.floor(Date.now() / 1000) >= signedAt + Number(query['X-Amz-Expires'])) {
			return refuse(403, 'AccessDenied', 'Request has expired');
		}
		const media = ctx.store.data.media.find((m) => m.formData.key === key);
		if (!media?.data) return refuse(404, 'NoSuchKey', 'The specified key does not exist.');
		return reply.code(200).type(media.contentType).send(Buffer.from(media.data, 'base64'));
	});
}

function linkSignature(key: string, date: string): string {
	return createHmac('sha256', SIGNING_SECRET).update(`${key}\n${date}`).digest('hex');
}
