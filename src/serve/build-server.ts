import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAdminRoutes } from './admin-routes.js';
import { registerAggregateRoutes } from './aggregates-routes.js';
import { installAuth } from './auth-hooks.js';
import { registerAuthRoutes } from './auth-routes.js';
import { createBodyCache } from './body-cache.js';
import { registerDocumentRoutes } from './documents-routes.js';
import { handleError } from './error-handler.js';
import { registerExportRoutes } from './export-routes.js';
import { registerFigureRoutes } from './figures-routes.js';
import { registerGradeRoutes } from './grade-routes.js';
import { registerImportRoutes } from './import-routes.js';
import { registerIncidentRoutes } from './incidents-routes.js';
import { refuseUnstorable } from './input-guard.js';
import { registerPointRoutes } from './points-routes.js';
import { rateLimitOptions } from './rate-limit.js';
import { holdsSensitive, redactSensitive, seesSensitive } from './redact.js';
import { registerReferenceRoutes } from './reference-routes.js';
import { registerReportRoutes } from './report-routes.js';
import { compileResponseSerializer } from './response-serializer.js';
import { registerReviewRoutes } from './review-routes.js';
import { securityHeaders } from './security-headers.js';
import type { RouteInfo, ServerDeps, ZodApp } from './server-types.js';
import { isTrustedProxy } from './trust-proxy.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the access it declares: what the permission tests walk. */
    routeTable: RouteInfo[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Characters beyond which a response goes out as one Buffer. */
const LONG_PAYLOAD = 16_384;

/** The HTTP app: plugins, the auth hook, the one error handler and every route. Nothing listens yet. */
export async function buildServer(deps: ServerDeps): Promise<ZodApp> {
  const config = deps.config;
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy ? isTrustedProxy : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compileResponseSerializer);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `no route ${request.method} ${request.url.split('?')[0]}`,
    });
  });

  const routes: RouteInfo[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map(String);
    const docs =
      route.url.startsWith('/api/docs') || route.url === '/api/openapi.json' || !route.url.startsWith('/api');
    route.config = { ...route.config, access: route.config?.access ?? (docs ? 'public' : undefined) };
    // A write route that forgets to say who may call it must not start: it would default to readable.
    if (!route.config.access) {
      if (methods.some((m) => UNSAFE.has(m)))
        throw new Error(`route ${methods.join(',')} ${route.url} declares no access`);
      route.config.access = 'read';
    }
    for (const method of methods) routes.push({ method, url: route.url, access: route.config.access });
  });

  // Every response, errors and static files too, as @fastify/helmet set them.
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(rateLimit, rateLimitOptions(config.rateLimit));
  await app.register(cookie);
  await app.register(multipart, {
    limits: { fileSize: config.uploadLimit, files: 1, fields: 4, fieldSize: 1000, parts: 6 },
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tally API',
        version: '1',
        description:
          'Sourced incidents and casualty figures. Sign in with POST /api/login (cookie session; send X-CSRF-Token on writes) or send Authorization: Bearer tly_… (API token).',
      },
      components: {
        securitySchemes: {
          token: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tally_session' },
        },
      },
      security: [{ token: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });

  installAuth(app, deps);
  app.addHook('preHandler', refuseUnstorable);
  // Redaction at the last step before serialisation covers every JSON response, whatever the route.
  app.addHook('preSerialization', async (request, _reply, payload) =>
    seesSensitive(request.principal?.role ?? null) || !holdsSensitive(payload) ? payload : redactSensitive(payload),
  );
  // Node writes a long string to the socket a piece at a time, encoding each piece; encoding it once
  // into a Buffer costs a fraction of that (a page of incidents is over 100 kB).
  app.addHook('onSend', async (_request, _reply, payload) =>
    typeof payload === 'string' && payload.length > LONG_PAYLOAD ? Buffer.from(payload) : payload,
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The most asked reads (the page's list, chart and timeline) answer again from the bytes they wrote.
  const bodies = createBodyCache(deps.store);
  registerAuthRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerFigureRoutes(app, deps);
  // Before /api/incidents/:id would be tried: a static path wins in Fastify's router either way.
  registerPointRoutes(app, deps, bodies);
  registerIncidentRoutes(app, deps, bodies);
  registerExportRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerGradeRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerAggregateRoutes(app, deps, bodies);
  registerReferenceRoutes(app, deps);
  registerAdminRoutes(app, deps);

  if (config.webRoot && existsSync(config.webRoot)) {
    await app.register(fastifyStatic, { root: config.webRoot, prefix: '/', decorateReply: false });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/api/docs'));
  }
  return app;
}
