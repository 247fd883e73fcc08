/** Whether a URL is on one of Bird's own hosts (api.bird.com, media.api.bird.com, …). */
export function isBirdHost(url: string): boolean {
	try {
		const host = new URL(url).hostname;
		return host === 'bird.com' || host.endsWith('.bird.com');
	} catch {
		return false;
	}
}
