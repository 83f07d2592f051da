import { PATH_METADATA } from '@nestjs/common/constants.js';
import { DirectoryController } from '../api/directory.controller';
import { PowerItemsController } from '../api/power-items.controller';
import { GatewayModule } from '../app.module';
import { GatewayConfig } from '../config';
import { PERMISSION_KEY, PUBLIC_KEY } from './auth';

describe('every endpoint declares its permission', () => {
  const module = GatewayModule.forRoot(new GatewayConfig());
  const controllers = module.controllers ?? [];

  it('covers the API controllers', () => {
    expect(controllers).toEqual(expect.arrayContaining([DirectoryController, PowerItemsController]));
  });

  it.each(controllers.map((c) => [c.name, c] as const))('%s: each route has a permission or is public', (_name, controller) => {
    const proto = controller.prototype as Record<string, unknown>;
    const routes = Object.getOwnPropertyNames(proto).filter((m) => m !== 'constructor' && Reflect.getMetadata(PATH_METADATA, proto[m] as object) !== undefined);
    expect(routes.length).toBeGreaterThan(0);
    const undeclared = routes.filter((m) => {
      const handler = proto[m] as object;
      return Reflect.getMetadata(PERMISSION_KEY, handler) === undefined && Reflect.getMetadata(PUBLIC_KEY, handler) !== true;
    });
    expect(undeclared).toEqual([]);
  });
});
