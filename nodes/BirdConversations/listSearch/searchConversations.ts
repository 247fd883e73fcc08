import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { PAGE_SIZE } from '../../shared/constants';
import { birdApiRequest, getBirdCredentials, workspaceSegment } from '../../shared/transport';

/** "name (id)"; unnamed WhatsApp/SMS conversations are labelled by their contact instead. */
export function conversationLabel(conversation: IDataObject): string {
	const contact = ((conversation.featuredParticipants as IDataObject[] | undefined) ?? []).find(
		(p) => p.type === 'contact',
	);
	const contactLabel = contact
		? String(
				contact.displayName || (contact.contact as IDataObject | undefined)?.identifierValue || '',
			)
		: '';
	const name = String(conversation.name || contactLabel || 'Unnamed conversation');
	return `${name} (${String(conversation.id)})`;
}

/**
 * The conversation picker. Bird has no name search on this endpoint, so each page of 100 is filtered here;
 * n8n asks for the next page with the returned token when the user scrolls. The request goes through the
 * shared request path (birdApiRequest → birdRequest): a 429, a 5xx or a reset connection is retried, and a
 * failure shows Bird's error or "Could not reach Bird at …" instead of n8n's raw one.
 */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { workspaceId } = await getBirdCredentials.call(this);
	const qs: IDataObject = { limit: PAGE_SIZE };
	if (paginationToken) qs.pageToken = paginationToken;
	const page = await birdApiRequest.call(
		this,
		'GET',
		`/workspaces/${workspaceSegment(workspaceId)}/conversations`,
		{ qs, resourceLabel: 'workspace' },
	);
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = ((page.results as IDataObject[] | undefined) ?? [])
		.map((conversation) => ({
			name: conversationLabel(conversation),
			value: String(conversation.id),
		}))
		.filter((item) => !needle || item.name.toLowerCase().includes(needle));
	return { results, paginationToken: (page.nextPageToken as string | undefined) || undefined };
}
