import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { extractKey, keysEqual } from '../auth/key-compare';
import { GatewayConfigService } from '../config/gateway-config.service';
import { DeploymentHealthService } from '../health/deployment-health.service';
import { AdminRoutesService } from './admin-routes.service';
import { adminPageCsp, renderAdminPage, type AdminPageModel } from './admin-page.view';

export interface RenderedPage {
  status: number;
  html: string;
  headers: Record<string, string>;
}

/**
 * GET /admin. Opened with the master key (Authorization or api-key header,
 * e.g. added by a proxy), the page comes with the current routes embedded;
 * without one it is the sign-in form, which holds no data; with a wrong one,
 * the form again with 401. Admin routes need a master key: none configured,
 * the page says so (403).
 */
@Injectable()
export class AdminPageService {
  constructor(
    private readonly config: GatewayConfigService,
    private readonly routes: AdminRoutesService,
    private readonly health: DeploymentHealthService,
  ) {}

  async render(headers: IncomingHttpHeaders): Promise<RenderedPage> {
    const nonce = randomBytes(16).toString('base64');
    const masterKey = this.config.current.masterKey;
    const given = extractKey(headers);
    let status = 200;
    let model: AdminPageModel;
    if (!masterKey) {
      status = 403;
      model = { nonce, mode: 'disabled' };
    } else if (given && keysEqual(given, masterKey)) {
      const [routes, health] = await Promise.all([this.routes.routes(), this.health.report()]);
      model = { nonce, mode: 'ready', initial: { routes, health } };
    } else if (given) {
      status = 401;
      model = { nonce, mode: 'login', message: 'The key sent with the request was refused. Sign in with the master key.' };
    } else {
      model = { nonce, mode: 'login' };
    }
    return {
      status,
      html: renderAdminPage(model),
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': adminPageCsp(nonce),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
      },
    };
  }
}
