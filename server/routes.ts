/**
 * What an API route is: its method, path and schemas, from which the server checks every request
 * and the OpenAPI document is drawn, and its handler. Its own module, so that the routes, the
 * document and the router depend on it and not on one another.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Translator } from '../language/index.js';
import type { Actor } from '../scheduling/index.js';

export interface RouteContext {
  req: Request;
  res: Response;
  /** The words of the reader: the language her page asks for (Accept-Language), English by default. */
  words: Translator;
  body: unknown;
  query: unknown;
  params: unknown;
  /** The signed-in coordinator (absent on public routes). */
  actor: Actor;
}

export interface Route {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  public?: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  /** What a success returns, for the document: JSON by default. */
  produces?: 'application/json' | 'text/calendar' | 'text/html';
  handler(context: RouteContext): Promise<unknown>;
}
