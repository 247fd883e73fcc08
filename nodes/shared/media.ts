import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { isBirdHost } from './birdHost';
import type { BirdRequestContext } from './context';
import { asObject, nonBlank } from './readers';
import { accessKeyAuthorization, birdRequest, normaliseBaseUrl } from './transport';

/**
 * Media in a message body and its download as n8n binary data. Bird's bodies carry media URLs in
 * `text.attachments[]`, `html.attachments[]`, `image.images[]`, `file.files[]` and `gif` (the body schema in
 * docs/bird-api.md §3.2). Bird serves its own media from media.api.bird.com, which (as reported by other
 * integrations; Bird does not document it, §8) wants the access key and redirects to a short-lived
 * pre-signed link. A media URL can also be any public URL a sender gave, which must never see the key.
 */

export interface MediaRef {
	url: string;
	fileName?: string;
	mimeType?: string;
	/** Where in the body it was, e.g. `file.files[0]`, to name it in errors. */
	where: string;
}

const obj = asObject;
// Every entry, objects or not, so that `where` names a file by its index in Bird's array.
const list = (value: unknown): IDataObject[] => (Array.isArray(value) ? value.map(asObject) : []);
// Media URLs and names are used trimmed: a stray space would break the download or the file name.
const text = (value: unknown) => nonBlank(value)?.trim();

/** Every media URL in a Bird message body, in body order. */
export function mediaIn(body: unknown): MediaRef[] {
	const b = obj(body);
	const refs: MediaRef[] = [];
	const add = (entry: IDataObject, where: string) => {
		const url = text(entry.mediaUrl);
		if (url)
			refs.push({ url, fileName: text(entry.filename), mimeType: text(entry.contentType), where });
	};
	list(obj(b.text).attachments).forEach((a, i) => add(a, `text.attachments[${i}]`));
	list(obj(b.html).attachments).forEach((a, i) => add(a, `html.attachments[${i}]`));
	list(obj(b.image).images).forEach((a, i) => add(a, `image.images[${i}]`));
	list(obj(b.file).files).forEach((a, i) => add(a, `file.files[${i}]`));
	add(obj(b.gif), 'gif');
	return refs;
}

/** The n8n binary property for the n-th file: `data`, `data_1`, `data_2`, … */
export const binaryPropertyName = (index: number) => (index === 0 ? 'data' : `data_${index}`);

/**
 * Whether the access key may go with a request to `url`: only to Bird's own hosts and to the host of the
 * credential's Base URL (the sandbox or a proxy the user chose), never to a third party.
 */
export function mayCarryAccessKey(url: string, baseUrl: string): boolean {
	try {
		const target = new URL(url);
		if (target.protocol !== 'https:' && target.protocol !== 'http:') return false;
		if (target.protocol === 'https:' && isBirdHost(url)) return true;
		return target.host === new URL(baseUrl).host;
	} catch {
		return false;
	}
}

export interface DownloadSettings {
	accessKey: string;
	baseUrl: string;
	maxBytes: number;
	/** Retries of each hop for 429, 5xx and connection failures; default 1. */
	maxRetries?: number;
}

/** The settings both nodes download with: the credential's key and Base URL, a size limit in MB (at least 1). */
export function downloadSettings(
	credentials: { accessKey?: unknown; baseUrl?: unknown },
	maxMegabytes: number,
): DownloadSettings {
	return {
		accessKey: String(credentials.accessKey ?? ''),
		baseUrl: normaliseBaseUrl(credentials.baseUrl),
		maxBytes: Math.max(1, maxMegabytes) * 1_048_576,
	};
}

/**
 * What a download needs of n8n: the request path's context plus binary data. The trigger's webhook context
 * and the action node's item context both fit.
 */
export type MediaContext = BirdRequestContext & {
	helpers: BirdRequestContext['helpers'] & {
		prepareBinaryData(
			binaryData: Buffer,
			filePath?: string,
			mimeType?: string,
		): Promise<IBinaryData>;
	};
};

export class MediaDownloadError extends Error {
	constructor(
		readonly ref: MediaRef,
		message: string,
		readonly httpCode?: string,
	) {
		super(message);
	}
}

const REDIRECTS = [301, 302, 303, 307, 308];
const MAX_HOPS = 3;

function fileNameOf(ref: MediaRef, url: string): string | undefined {
	if (ref.fileName) return ref.fileName;
	try {
		const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
		return last || undefined;
	} catch {
		return undefined;
	}
}

/**
 * Downloads one media file. The key goes only with the first request, and only where mayCarryAccessKey
 * allows; redirects are followed by hand, without the key, because their target is a pre-signed link on
 * another host (S3 refuses a second authorization). Larger files than `maxBytes` are refused.
 * Each hop goes through the shared request path (transport.ts birdRequest): a 429, a 5xx or a reset connection
 * is retried `maxRetries` times (default 1: a webhook delivery waits for this, see enrich.ts), and a host that
 * cannot be reached is reported as "Could not reach …".
 */
export async function downloadMedia(
	this: MediaContext,
	ref: MediaRef,
	settings: DownloadSettings,
): Promise<IBinaryData> {
	let url = ref.url;
	let authorization: string | null = mayCarryAccessKey(url, settings.baseUrl)
		? accessKeyAuthorization(settings)
		: null;
	for (let hop = 0; hop <= MAX_HOPS; hop++) {
		const response = await birdRequest(
			this,
			{
				method: 'GET',
				url,
				encoding: 'arraybuffer',
				json: false,
				disableFollowRedirect: true,
			},
			{
				authorization,
				maxRetries: settings.maxRetries ?? 1,
				peer: isBirdHost(url) ? 'Bird' : 'the media host',
				passThrough: () => true,
			},
		);
		const status = response.statusCode;
		const location = response.headers?.location;
		if (REDIRECTS.includes(status) && typeof location === 'string') {
			url = new URL(location, url).href;
			authorization = null;
			continue;
		}
		if (status === 401 || status === 403) {
			throw new MediaDownloadError(
				ref,
				`was refused (${status}): the link has expired or is not accessible with this credential`,
				String(status),
			);
		}
		if (status === 404) throw new MediaDownloadError(ref, 'no longer exists (404)', '404');
		if (status < 200 || status >= 300)
			throw new MediaDownloadError(ref, `could not be downloaded (${status})`, String(status));
		const body = Buffer.isBuffer(response.body)
			? response.body
			: Buffer.from(response.body as ArrayBuffer);
		if (body.length > settings.maxBytes) {
			throw new MediaDownloadError(
				ref,
				`is larger (${(body.length / 1_048_576).toFixed(1)} MB) than the limit of ${(settings.maxBytes / 1_048_576).toFixed(0)} MB`,
			);
		}
		const contentType = String(response.headers?.['content-type'] ?? '')
			.split(';')[0]
			.trim();
		return await this.helpers.prepareBinaryData(
			body,
			fileNameOf(ref, ref.url),
			contentType || ref.mimeType,
		);
	}
	throw new MediaDownloadError(ref, `redirected more than ${MAX_HOPS} times`);
}

/** Names an attachment for an error message: its file name, or where it was, and its URL. */
export function describeMedia(ref: MediaRef): string {
	return `Attachment "${ref.fileName ?? ref.where}" (${ref.url})`;
}
