import type { IExecuteSingleFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';

/**
 * What the request path (transport.ts) needs from an n8n context. Every context the nodes run in has it:
 * execute, the per-item adapter of Message → Send, hooks (trigger lifecycle), webhooks (enrichment) and
 * load options (the conversation picker). Only execute contexts have a cancel signal.
 */
export interface BirdRequestContext {
	getNode(): INode;
	helpers: { httpRequest(options: IHttpRequestOptions): Promise<unknown> };
	getExecutionCancelSignal?(): AbortSignal | undefined;
}

/**
 * The per-item functions the action node's helpers use (body builders, validators, upload, Simplify, the
 * request path): a narrow slice of n8n's IExecuteSingleFunctions, with n8n's own signatures. The declarative
 * engine passes the full IExecuteSingleFunctions, which has all of these; the coded Send builds exactly this
 * (actions/itemContext.ts), so the compiler checks that adapter member by member.
 */
export type BirdItemFunctions = Pick<
	IExecuteSingleFunctions,
	| 'getNode'
	| 'getItemIndex'
	| 'getInputData'
	| 'getNodeParameter'
	| 'getCredentials'
	| 'continueOnFail'
	| 'getExecutionCancelSignal'
> & {
	helpers: Pick<
		IExecuteSingleFunctions['helpers'],
		'httpRequest' | 'assertBinaryData' | 'getBinaryDataBuffer'
	>;
};
