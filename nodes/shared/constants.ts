/**
 * Numbers the Bird nodes share: page size, retries, Send's concurrency and the default Limit. One home so the
 * descriptions (what the user sees as defaults and bounds) and the code that applies them cannot drift apart.
 */

/**
 * Items asked for per list request: Bird's maximum `limit` on every list endpoint (1–100, default 10;
 * docs/bird-api.md §1.4, §3.4, §4.4). The node always sends it, so each page is as large as Bird allows.
 */
export const PAGE_SIZE = 100;

/** Default number of retries after the first attempt, for 429 and 5xx answers (docs/bird-api.md §1.2, §1.5). */
export const DEFAULT_MAX_RETRIES = 3;

/** Highest Max Retries the Options accept. */
export const MAX_RETRIES_CEILING = 10;

/**
 * Message → Send: messages in flight at once by default, and the most the option accepts. Kept well under Bird's
 * 500 POST/s per workspace (docs/bird-api.md §1.5); 429s are still retried per message.
 */
export const DEFAULT_CONCURRENCY = 10;
export const MAX_CONCURRENCY = 50;

/** Default of Limit on every list operation when Return All is off. */
export const DEFAULT_LIMIT = 50;

/** Bird takes at most five participants when creating a conversation (docs/bird-api.md §2.2). */
export const MAX_CREATE_PARTICIPANTS = 5;

/** Editor heights, in rows, of the multi-line fields: a short text, a message text and an HTML body. */
export const ROWS_SHORT_TEXT = 3;
export const ROWS_TEXT = 4;
export const ROWS_HTML = 6;

/** Decimal places of a location's Latitude and Longitude (six is about 0.1 m). */
export const COORDINATE_PRECISION = 6;

/** Largest media file the nodes download into binary data unless the user sets another limit (MB). */
export const DEFAULT_MAX_MEDIA_MB = 25;
