import { type CallerContext } from '@qinglian/contracts';
import { type Request } from 'express';
import { type Identity } from './authenticator';

export type AuthedRequest = Request & { caller?: CallerContext; identity?: Identity; requestId?: string };

/** A cookie's value (cookie-parser fills `req.cookies`, typed `any` by Express). */
export function cookieOf(req: Request, name: string): string | undefined {
  const value: unknown = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
