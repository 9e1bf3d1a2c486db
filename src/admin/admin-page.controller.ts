import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AdminPageService } from './admin-page.service';

/** GET /admin: the route inspector for a browser. It checks the master key itself (the sign-in form needs none). */
@Controller('admin')
@Public()
export class AdminPageController {
  constructor(private readonly pages: AdminPageService) {}

  @Get()
  async page(@Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.pages.render(req.headers);
    res.status(page.status).set(page.headers).send(page.html);
  }
}
