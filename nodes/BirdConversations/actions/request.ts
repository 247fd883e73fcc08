import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_MAX_RETRIES } from '../../shared/constants';
import type { BirdItemFunctions } from '../../shared/context';
import { maxRetriesFrom } from '../../shared/retry';
import type { BirdRequestPolicy } from '../../shared/transport';
import {
	accessKeyAuthorization,
	CREDENTIAL_TYPE,
	normaliseBaseUrl,
	workspaceSegment,
} from '../../shared/transport';
import { errorContextFor } from '../helpers/errorContext';

/**
 * The credential as the action node's requests use it, read once: the executor reads it once per item (and
 * once for all pages of a list), Message → Send once per run, the upload once per file. See
 * accessKeyAuthorization (shared/transport.ts) for why the header is built here and not by n8n per request.
 */
export interface BirdSession {
	baseURL: string;
	/** The workspace ID as a path segment (workspaceSegment). */
	workspace: string;
	authorization: string;
}

export async function openSession(context: {
	getCredentials(type: string): Promise<ICredentialDataDecryptedObject>;
}): Promise<BirdSession> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	return {
		baseURL: normaliseBaseUrl(credentials.baseUrl),
		workspace: workspaceSegment(credentials.workspaceId),
		authorization: accessKeyAuthorization(credentials),
	};
}

/** The operation's Options → Max Retries; the default where the operation has no such option. */
export function maxRetriesOf(context: Pick<BirdItemFunctions, 'getNodeParameter'>): number {
	try {
		return maxRetriesFrom(context.getNodeParameter('options.maxRetries', DEFAULT_MAX_RETRIES));
	} catch {
		return DEFAULT_MAX_RETRIES;
	}
}

/**
 * The policy of one item's request to Bird: the item's Max Retries, the run's key, and what a 404 or 422
 * should name (helpers/errorContext.ts) with the item index.
 */
export function itemPolicy(context: BirdItemFunctions, authorization: string): BirdRequestPolicy {
	return {
		authorization,
		maxRetries: maxRetriesOf(context),
		errorContext: { itemIndex: context.getItemIndex() },
		lateErrorContext: () => errorContextFor(context),
	};
}
