import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CreateResponseRequestDto } from './dto/create-response-request.dto';
import { ResponsesService } from './responses.service';

@Controller()
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Post(['responses', 'v1/responses'])
  @HttpCode(200)
  create(@Body() body: CreateResponseRequestDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.responses.create(body, req, res);
  }

  @Get(['responses/:id', 'v1/responses/:id'])
  retrieve(@Param('id') id: string, @Req() req: Request) {
    return this.responses.retrieve(id, req);
  }

  @Delete(['responses/:id', 'v1/responses/:id'])
  remove(@Param('id') id: string, @Req() req: Request) {
    return this.responses.remove(id, req);
  }
}
