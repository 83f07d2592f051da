import { type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { type AddressInfo } from 'node:net';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@qinglian/runtime';
import { createLogger, NestLogger } from '@qinglian/telemetry';
import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import cookieParser from 'cookie-parser';
import { type NextFunction, type Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewayModule } from './app.module';
import { GatewayConfig } from './config';
import { type AuthedRequest } from './platform/auth';
import { GatewayHealthController } from './platform/health.controller';
import { gatewayValidationPipe } from './platform/validation';

export interface RunningGateway {
  readonly app: INestApplication;
  readonly url: string;
  readonly config: GatewayConfig;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The HTTP API for people and programs: REST under /api/v1, OpenAPI at /api/docs. */
export async function startGateway(options: { env?: NodeJS.ProcessEnv; logger?: LoggerService | false } = {}): Promise<RunningGateway> {
  const config = loadConfig(GatewayConfig, options.env ?? process.env, ['OIDC_CLIENT_SECRET']);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), new ExpressAdapter(), {
    logger: options.logger ?? new NestLogger(createLogger('gateway', { level: config.LOG_LEVEL })),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  const https = config.PUBLIC_URL.startsWith('https:');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Ant Design injects its CSS-in-JS styles at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // blob: for the flow charts, fetched through the API client (tenant header) and shown from a blob URL.
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: https ? [] : null,
        },
      },
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(cookieParser());
  // API answers are not cached by validators; hashing every body for an ETag is wasted work.
  app.set('etag', false);
  const access = createLogger('gateway', { level: config.LOG_LEVEL }).child({ component: 'access' });
  app.use((req: AuthedRequest, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    req.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    // One access-log line per request, in the request's trace (so it carries its trace_id).
    const started = performance.now();
    const ctx = context.active();
    res.on('finish', () => {
      context.with(ctx, () => {
        access.info(
          { method: req.method, path: req.path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10, requestId, tenantId: req.caller?.tenantId, userId: req.caller?.userId },
          'request',
        );
      });
    });
    next();
  });
  serveConsole(app, config.WEB_ROOT);
  app.useGlobalPipes(gatewayValidationPipe());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('清廉 Qinglian API')
      .setDescription('廉洁风险防控平台 — integrity-risk prevention for state-owned enterprises. Errors are RFC 9457 problem+json.')
      .setVersion('v1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  await app.listen(config.PORT, '0.0.0.0');
  const address = app.getHttpServer().address() as AddressInfo | null;
  const health = app.get(GatewayHealthController);
  let closing: Promise<void> | undefined;
  return {
    app,
    config,
    url: `http://127.0.0.1:${address?.port ?? config.PORT}`,
    close: () => {
      closing ??= (async () => {
        health.shuttingDown = true;
        await app.close();
      })();
      return closing;
    },
  };
}

const API_PATHS = /^\/(api|auth|health)(\/|$)/;

/**
 * The console's built files, with index.html for every other GET so client-side routes survive a
 * reload. Nothing is served when the folder is missing (an API-only deployment).
 */
function serveConsole(app: NestExpressApplication, webRoot: string): void {
  const root = resolve(webRoot);
  const index = resolve(root, 'index.html');
  if (!existsSync(index)) return;
  // Source maps are written for debugging but not published.
  app.use((req: AuthedRequest, res: Response, next: NextFunction) => {
    if (req.path.endsWith('.map')) res.status(404).end();
    else next();
  });
  // Vite names assets by content hash: they never change, so browsers may keep them for a year.
  app.useStaticAssets(root, {
    index: false,
    setHeaders: (res: Response, path: string) => {
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.use((req: AuthedRequest, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
