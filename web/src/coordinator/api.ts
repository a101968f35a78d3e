/**
 * The dashboard's only path to the server: JSON over fetch with the session cookie, refusals as
 * ApiError, written by the server in the language the dashboard is shown in (Accept-Language).
 */
import { page } from './words.js';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: string[] = [],
    readonly field?: string,
  ) {
    super(message);
  }
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'accept-language': page.lang, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(json?.code ?? 'error', json?.message ?? `The server answered ${response.status}.`, json?.details ?? [], json?.field);
  return json as T;
}
