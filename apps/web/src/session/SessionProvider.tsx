import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiClient, ApiError, createApiClient } from '../api/client';
import type { LogoutAnswer, Me, TenantSummary } from '../api/types';
import { mayWrite, type PermissionName } from './permissions';

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out' }
  | { readonly status: 'failed'; readonly error: ApiError }
  | { readonly status: 'signed-in'; readonly me: Me };

interface SessionContextValue {
  readonly me: Me;
  /** Calls the gateway as this session, for the tenant being viewed. Changes when that tenant does. */
  readonly api: ApiClient;
  readonly viewedTenant: TenantSummary;
  /** True while a supervisor views a tenant below its own (the gateway refuses writes there). */
  readonly readOnly: boolean;
  /** Whether to offer a write action (see `mayWrite`). */
  readonly can: (permission: PermissionName) => boolean;
  readonly viewTenant: (tenantId: string) => void;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** `/auth/login?returnTo=<path>`: the gateway sends the browser to the realm and back to the path. */
export function loginUrl(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo.startsWith('/') ? returnTo : '/')}`;
}

export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

/**
 * Loads GET /api/v1/me once; renders `children(state)` so the app can show the sign-in page, an
 * error or the console. Any later 401 from the gateway (an expired session) returns to signed-out.
 */
export function SessionProvider({ children }: { readonly children: (state: SessionState, retry: () => void) => ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [viewedTenantId, setViewedTenantId] = useState<string | null>(null);

  const onUnauthorized = useCallback(() => setState({ status: 'signed-out' }), []);

  useEffect(() => {
    const controller = new AbortController();
    createApiClient()
      .get<Me>('/api/v1/me', { signal: controller.signal })
      .then(
        (me) => setState({ status: 'signed-in', me }),
        (e: unknown) => {
          if (controller.signal.aborted) return;
          if (e instanceof ApiError && e.status === 401) setState({ status: 'signed-out' });
          else setState({ status: 'failed', error: e instanceof ApiError ? e : new ApiError({ title: String(e), status: 0 }) });
        },
      );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const me = state.status === 'signed-in' ? state.me : null;
  const value = useMemo<SessionContextValue | null>(() => {
    if (!me) return null;
    const viewed = me.tenants.find((t) => t.id === viewedTenantId) ?? me.tenant;
    const foreign = viewed.id !== me.tenant.id;
    const api = createApiClient({ csrfToken: me.csrfToken, tenantId: foreign ? viewed.id : null, onUnauthorized });
    return {
      me,
      api,
      viewedTenant: viewed,
      readOnly: foreign,
      can: (permission) => mayWrite(me.permissions, foreign, permission),
      viewTenant: setViewedTenantId,
      async signOut() {
        // Ends the gateway session, then the realm's (its end-session page returns to the console).
        // A 401 means the session had already ended: the sign-in page is showing, nothing to report.
        try {
          const { logoutUrl } = await createApiClient({ csrfToken: me.csrfToken, onUnauthorized }).post<LogoutAnswer>('/auth/logout');
          window.location.assign(logoutUrl);
        } catch (e) {
          if (!(e instanceof ApiError && e.status === 401)) throw e;
        }
      },
    };
  }, [me, viewedTenantId, onUnauthorized]);

  return <SessionContext value={value}>{children(state, retry)}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside a signed-in SessionProvider');
  return ctx;
}
