import type { IHttpRequestOptions, INode } from 'n8n-workflow';

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
