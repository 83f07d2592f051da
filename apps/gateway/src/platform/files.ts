import { type InlineFileDto } from '@qinglian/contracts';
import { BadRequestException, ParseIntPipe } from '@nestjs/common';
import { type Response } from 'express';

/** Sends a file a service answered inline (base64); `inline` shows it in the browser, else downloads. */
export function sendInlineFile(res: Response, file: InlineFileDto, inline: boolean): void {
  sendBytes(res, Buffer.from(file.base64, 'base64'), file.contentType, file.fileName, inline);
}

export function sendBytes(res: Response, data: Uint8Array, contentType: string, fileName: string, inline: boolean): void {
  // RFC 6266: an ASCII fallback and the UTF-8 name (Chinese file names).
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  res.setHeader('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  res.setHeader('cache-control', 'private, no-cache');
  res.type(contentType).send(Buffer.from(data));
}

export function versionNoPipe(): ParseIntPipe {
  return new ParseIntPipe({ exceptionFactory: () => new BadRequestException('versionNo must be a positive integer') });
}
