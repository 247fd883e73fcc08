/**
 * Download Media: the files of a message event as n8n binary data. Media on the sandbox behaves as Bird's
 * media host is reported to (docs/fidelity.md): the URL wants the access key and redirects to a pre-signed
 * link. A third-party media URL never sees the key. Failures are listed in mediaErrors; the event runs.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import axios from 'axios';
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox/server';
import { startSandbox } from '../../../sandbox/server';
import { birdDeliveryHeaders } from '../../harness';
import { TriggerWorld } from '../../harness/trigger-engine';
import type { Receiver } from '../../harness/trigger-sandbox';
import { birdCall, DEMO, sandboxCredentials, startReceiver } from '../../harness/trigger-sandbox';

const pdf = Buffer.from(
	'%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

let sb: Sandbox;
let receiver: Receiver;
let thirdParty: Server;
let thirdPartyUrl = '';
const thirdPartyRequests: IncomingHttpHeaders[] = [];

beforeAll(async () => {
	sb = await startSandbox({
		host: '127.0.0.1',
		port: 0,
		seed: 'demo',
		rateLimits: false,
		allowLocalWebhookUrls: true,
		retrySchedule: [30],
		statusProgressionMs: 0,
	});
	receiver = await startReceiver();
	thirdParty = createServer((request, response) => {
		thirdPartyRequests.push(request.headers);
		if (request.url === '/big.bin')
			response
				.writeHead(200, { 'content-type': 'application/octet-stream' })
				.end(Buffer.alloc(1_200_000, 1));
		else if (request.url === '/gone.jpg') response.writeHead(404).end();
		else response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from('png-bytes'));
	});
	await new Promise<void>((resolve) => thirdParty.listen(0, '127.0.0.1', resolve));
	thirdPartyUrl = `http://127.0.0.1:${(thirdParty.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await receiver.close();
	await sb.close();
	await new Promise((resolve) => thirdParty.close(resolve));
});

/** Uploads `bytes` through Bird's pre-signed flow (docs/bird-api.md §3.6) and returns the media URL. */
async function uploaded(sandbox: Sandbox, bytes: Buffer, contentType: string): Promise<string> {
	const presigned = await birdCall(
		sandbox,
		'POST',
		`/workspaces/${DEMO.workspaceId}/conversations/${DEMO.conversations.johnWhatsapp}/presigned-upload`,
		{ contentType },
	);
	const form = new FormData();
	for (const [name, value] of Object.entries(
		presigned.data.uploadFormData as Record<string, string>,
	))
		form.append(name, value);
	form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'upload');
	expect((await axios.post(presigned.data.uploadUrl, form)).status).toBe(204);
	return presigned.data.mediaUrl as string;
}

async function deliverInbound(sandbox: Sandbox, body: IDataObject, options: IDataObject) {
	const w = new TriggerWorld({
		parameters: {
			events: ['message.inbound'],
			platform: 'whatsapp',
			channelId: '',
			resolveConversation: false,
			options,
		} as never,
		credentials: sandboxCredentials(sandbox),
		publicUrl: receiver.url,
	});
	await w.activate();
	const registrations = w.nodeStaticData().registrations as Record<
		string,
		{ subscriptions: Array<{ signingKey: string }> }
	>;
	const key = Object.values(registrations)[0].subscriptions[0].signingKey;
	const envelope = {
		service: 'channels',
		event: 'whatsapp.inbound',
		payload: {
			id: `m-${Math.random()}`,
			channelId: DEMO.channels.whatsapp,
			direction: 'incoming',
			sender: {
				contact: {
					id: DEMO.contacts.john.id,
					identifierKey: 'phonenumber',
					identifierValue: DEMO.contacts.john.identifierValue,
				},
			},
			body,
		},
	};
	const rawBody = Buffer.from(JSON.stringify(envelope));
	const outcome = await w.deliver({
		rawBody,
		headers: birdDeliveryHeaders(key, w.url('production'), rawBody),
	});
	await w.deactivate();
	return outcome;
}

it('turns a file and an image into data and data_1 with file name and MIME type; the JSON keeps the URLs', async () => {
	const mediaUrl = await uploaded(sb, pdf, 'application/pdf');
	const body = {
		type: 'file',
		file: {
			files: [
				{ mediaUrl, contentType: 'application/pdf', filename: 'invoice.pdf' },
				{ mediaUrl: `${thirdPartyUrl}/photo.png`, contentType: 'image/png' },
			],
		},
	};
	const outcome = await deliverInbound(sb, body, { downloadMedia: true });
	expect(outcome.httpStatus).toBe(200);
	const [binary] = outcome.binaries;
	expect(binary?.data).toMatchObject({ fileName: 'invoice.pdf', mimeType: 'application/pdf' });
	expect(Buffer.from(binary!.data.data, 'base64').equals(pdf)).toBe(true);
	expect(binary?.data_1).toMatchObject({ fileName: 'photo.png', mimeType: 'image/png' });
	expect((outcome.items[0].payload as IDataObject).body as IDataObject).toEqual(body);
	expect(outcome.items[0].mediaErrors).toBeUndefined();
});

it('never sends the access key to a third-party media host', async () => {
	thirdPartyRequests.length = 0;
	await deliverInbound(
		sb,
		{ type: 'image', image: { images: [{ mediaUrl: `${thirdPartyUrl}/photo.png` }] } },
		{ downloadMedia: true },
	);
	expect(thirdPartyRequests).toHaveLength(1);
	expect(thirdPartyRequests[0].authorization).toBeUndefined();
	expect(JSON.stringify(thirdPartyRequests[0])).not.toContain(DEMO.accessKey.secret);
});

it('lists a missing, an expired and an oversized file in mediaErrors, names each, and still runs the event', async () => {
	const expiring = await startSandbox({
		host: '127.0.0.1',
		port: 0,
		seed: 'demo',
		rateLimits: false,
		allowLocalWebhookUrls: true,
		statusProgressionMs: 0,
		mediaLinkTtlSeconds: 0,
	});
	try {
		const mediaUrl = await uploaded(expiring, pdf, 'application/pdf');
		const body = {
			type: 'file',
			file: {
				files: [
					{ mediaUrl, contentType: 'application/pdf', filename: 'expired.pdf' },
					{
						mediaUrl: `${thirdPartyUrl}/gone.jpg`,
						contentType: 'image/jpeg',
						filename: 'gone.jpg',
					},
					{
						mediaUrl: `${thirdPartyUrl}/big.bin`,
						contentType: 'application/octet-stream',
						filename: 'big.bin',
					},
				],
			},
		};
		const outcome = await deliverInbound(expiring, body, {
			downloadMedia: true,
			maxMediaMegabytes: 1,
		});
		expect(outcome.httpStatus).toBe(200);
		expect(outcome.items).toHaveLength(1);
		expect(outcome.binaries[0]).toBeUndefined();
		const errors = outcome.items[0].mediaErrors as IDataObject[];
		expect(errors.map((e) => [e.httpCode, String(e.message)])).toEqual([
			['403', expect.stringContaining('Attachment "expired.pdf"')],
			['404', expect.stringContaining('Attachment "gone.jpg"')],
			[undefined, expect.stringMatching(/Attachment "big.bin" .*larger .* than the limit of 1 MB/)],
		]);
	} finally {
		await expiring.close();
	}
});

it('downloads nothing without the option', async () => {
	thirdPartyRequests.length = 0;
	const outcome = await deliverInbound(
		sb,
		{ type: 'image', image: { images: [{ mediaUrl: `${thirdPartyUrl}/photo.png` }] } },
		{},
	);
	expect(outcome.binaries[0]).toBeUndefined();
	expect(thirdPartyRequests).toHaveLength(0);
});
