import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Paths the console never answers, even when nothing else did: their own 404 stays a JSON 404. */
const reservedPaths = /^\/(api|docs|health|metrics|v1)(\/|$)/;

/** A file name with a content hash (Angular's `outputHashing: all`): cached for a year. */
const hashedAsset = /-[A-Z0-9]{8}\.(js|css|woff2?|ttf)$/;

export function isConsoleRoute(path: string): boolean {
  return !reservedPaths.test(path);
}

/**
 * Serves the built console from `root` on the control plane, after every controller route:
 * static files first, then `index.html` for any other GET that asks for HTML (the console's
 * client-side routes). Without a build, `/` explains how to make one.
 */
export function consoleStatic(root: string) {
  const serveFiles = express.static(root, {
    index: false,
    fallthrough: true,
    redirect: false,
    setHeaders: (response, path) => {
      response.setHeader('cache-control', hashedAsset.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexFile = join(root, 'index.html');
  return (request: Request, response: Response, next: NextFunction): void => {
    if ((request.listener ?? 'control') !== 'control') return next();
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!isConsoleRoute(request.path)) return next();
    serveFiles(request, response, () => {
      if (!request.accepts('html') || /\.[a-z0-9]{1,8}$/i.test(request.path)) return next();
      if (!existsSync(indexFile)) {
        response
          .status(503)
          .type('html')
          .setHeader('cache-control', 'no-store')
          .send(
            '<!doctype html><meta charset="utf-8"><title>Qwen Proxy</title><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;line-height:1.5">' +
              '<h1>The admin console is not built yet</h1><p>Run <code>npm run build:admin</code> (or <code>npm start</code>, which builds it), then reload this page.</p>' +
              '<p>The control API and its documentation are at <a href="/docs">/docs</a>.</p></body>',
          );
        return;
      }
      response.setHeader('cache-control', 'no-cache');
      response.sendFile(indexFile);
    });
  };
}
