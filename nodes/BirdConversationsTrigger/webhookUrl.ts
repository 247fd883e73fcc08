import { isBirdHost } from '../shared/birdHost';

/** Bird's rule for subscription URLs (docs/bird-api.md §7.2): https and a real domain name; no IP, no port. */
export const BIRD_URL_PATTERN = /^https:\/\/([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(\/[^\s]*)?$/;

/** Why Bird would refuse this webhook URL, or undefined when it is acceptable. */
export function webhookUrlProblem(webhookUrl: string, baseUrl: string): string | undefined {
	if (!isBirdHost(baseUrl)) return undefined; // the sandbox or a proxy: send the URL as it is
	if (BIRD_URL_PATTERN.test(webhookUrl)) return undefined;
	return (
		`Bird only delivers to public https:// URLs with a domain name, but n8n's webhook URL is ${webhookUrl}. ` +
		"Set n8n's WEBHOOK_URL environment variable to the public https address of this n8n (e.g. https://n8n.example.com/), " +
		'or put n8n behind a tunnel or reverse proxy with TLS, then activate the workflow again.'
	);
}
