import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AdminAssetsService } from './admin-assets.service';
import { AdminPageService } from './admin-page.service';

/**
 * GET /admin: the route, key and spend console for a browser. It checks the
 * master key itself (the sign-in form needs none); its scripts, under
 * /admin/assets/, hold no data and no secret and are served to anyone.
 */
@Controller('admin')
@Public()
export class AdminPageController {
  constructor(
    private readonly pages: AdminPageService,
    private readonly assets: AdminAssetsService,
  ) {}

  @Get()
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.pages.render(req.headers);
    res.status(page.status).set(page.headers).send(page.html);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const asset = this.assets.script(name);
    res.status(200).set(asset.headers).send(asset.body);
  }
}
