import type { NextFunction, Request, Response } from 'express';

/**
 * Azure clients name the deployment in the path; Azure ignores the body's
 * `model`. Runs after body parsing, before validation, so the path wins.
 */
export function azureDeploymentModelMiddleware(req: Request, _res: Response, next: NextFunction): void {
  const match = /^\/openai\/deployments\/([^/]+)\//.exec(req.path);
  if (match && req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
    try {
      req.body.model = decodeURIComponent(match[1]);
    } catch {
      req.body.model = match[1];
    }
  }
  next();
}
