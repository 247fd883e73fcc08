import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { birdApiError } from '../../shared/errors';
import { DEFAULT_MAX_RETRIES, isRetryableStatus, waitBeforeRetry } from '../../shared/retry';
import { CREDENTIAL_TYPE, normaliseBaseUrl, workspaceSegment } from '../../shared/transport';
import { FIELD_NAMES } from './errorContext';

export interface UploadedMedia {
	mediaUrl: string;
	contentType: string;
	fileName: string;
}

/**
 * A multipart/form-data body built by hand: the node may not depend on form-data. Bird says every
 * `uploadFormData` field goes in as a string field plus the bytes as `file` (docs/bird-api.md §3.6); S3 ignores
 * fields after the file (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTForms.html), so every
 * policy field comes first and `file` last.
 */
export function multipartBody(
	fields: Record<string, string>,
	file: { data: Buffer; fileName: string; contentType: string },
	boundary: string,
): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	const safeName = file.fileName.replace(/["\r\n]/g, '_');
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
			'utf8',
		),
	);
	parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
	return Buffer.concat(parts);
}

type FullResponse<T> = { statusCode: number; body: T; headers?: IDataObject };

function maxRetriesOf(context: IExecuteSingleFunctions): number {
	try {
		return context.getNodeParameter('options.maxRetries', DEFAULT_MAX_RETRIES) as number;
	} catch {
		// The operation has no Max Retries option: keep the default.
		return DEFAULT_MAX_RETRIES;
	}
}

/** A copy per attempt: n8n's helpers may add to the options (auth headers), and a retry must start clean. */
const fresh = (options: IHttpRequestOptions): IHttpRequestOptions => ({
	...options,
	headers: { ...options.headers },
});

/**
 * Runs one upload step with the node's retry policy: a 429 or 5xx is asked again (Retry-After first, else
 * backoff), up to Max Retries; the last answer is returned whatever it is, for the caller to report.
 * Both steps are safe to repeat: an unused upload form (step 1) only expires, and posting the same file
 * to the same pre-signed key (step 2) overwrites it; nothing reaches the customer before step 3.
 */
async function withUploadRetries<T>(
	context: IExecuteSingleFunctions,
	request: () => Promise<FullResponse<T>>,
): Promise<FullResponse<T>> {
	const maxRetries = maxRetriesOf(context);
	for (let attempt = 0; ; attempt++) {
		const response = await request();
		if (!isRetryableStatus(response.statusCode) || attempt >= maxRetries) return response;
		await waitBeforeRetry(attempt + 1, response.headers?.['retry-after']);
	}
}

/**
 * Uploads an item's binary property with Bird's pre-signed upload flow and returns the mediaUrl to put
 * in the message: 1) ask Bird for an upload form, 2) POST the bytes to the form's URL (no access key:
 * the form carries its own credentials), 3) the caller references mediaUrl in the message body.
 */
export async function uploadBinaryProperty(
	context: IExecuteSingleFunctions,
	conversationId: string,
	propertyName: string,
): Promise<UploadedMedia> {
	const node = context.getNode();
	const itemIndex = context.getItemIndex();
	const item = context.getInputData();
	if (!item?.binary?.[propertyName]) {
		const available = Object.keys(item?.binary ?? {});
		throw new NodeOperationError(
			node,
			`Binary Property: the input item has no binary property "${propertyName}"`,
			{
				itemIndex,
				description: available.length
					? `Available binary properties: ${available.join(', ')}. Set "Binary Property" to one of them.`
					: 'The input item carries no binary data. Read or download a file in a previous node first.',
			},
		);
	}
	const binary = context.helpers.assertBinaryData(propertyName);
	const data = await context.helpers.getBinaryDataBuffer(propertyName);
	const contentType = binary.mimeType || 'application/octet-stream';
	const fileName = binary.fileName || `${propertyName}.${binary.fileExtension ?? 'bin'}`;
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const presignRequest: IHttpRequestOptions = {
		method: 'POST',
		baseURL: normaliseBaseUrl(credentials.baseUrl),
		url: `/workspaces/${workspaceSegment(credentials.workspaceId)}/conversations/${encodeURIComponent(conversationId)}/presigned-upload`,
		body: { contentType },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const presign = await withUploadRetries(
		context,
		async () =>
			(await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				fresh(presignRequest),
			)) as FullResponse<IDataObject>,
	);
	if (presign.statusCode < 200 || presign.statusCode >= 300) {
		const error = birdApiError(node, presign.statusCode, presign.body, {
			resourceLabel: 'conversation',
			resourceId: conversationId,
			itemIndex,
			fieldNames: FIELD_NAMES,
		});
		error.message = `Uploading "${propertyName}" failed at step 1 (pre-signed upload): ${error.message}`;
		throw error;
	}
	const { mediaUrl, uploadUrl, uploadFormData } = presign.body as {
		mediaUrl: string;
		uploadUrl: string;
		uploadFormData: Record<string, string>;
	};

	const boundary = `----n8nBirdUpload${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	// Built once: a retry sends the very same bytes. Storage (S3) answers 503 SlowDown under load, and
	// without a retry here one busy moment would fail the item although step 1 was retried.
	const uploadRequest: IHttpRequestOptions = {
		method: 'POST',
		url: uploadUrl,
		body: multipartBody(uploadFormData ?? {}, { data, fileName, contentType }, boundary),
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	};
	const upload = await withUploadRetries(
		context,
		async () => (await context.helpers.httpRequest(fresh(uploadRequest))) as FullResponse<unknown>,
	);
	if (upload.statusCode < 200 || upload.statusCode >= 300) {
		throw new NodeOperationError(
			node,
			`Uploading "${propertyName}" failed at step 2 (storage upload answered ${upload.statusCode})`,
			{
				itemIndex,
				description: `The file may be larger than Bird's 100 MiB limit, or the upload form expired. Storage said: ${String(upload.body ?? '').slice(0, 300)}`,
			},
		);
	}
	return { mediaUrl, contentType, fileName };
}
