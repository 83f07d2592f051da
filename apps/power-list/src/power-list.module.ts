import { Module } from '@nestjs/common';
import { ChangeLog } from '@qinglian/runtime';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { PowerItemsController } from './power-items/power-items.controller';
import { PowerItemsService } from './power-items/power-items.service';
import { TenantsController, TenantsService } from './tenants/tenants.controller';

@Module({
  controllers: [DirectoryController, PowerItemsController, TenantsController],
  providers: [DirectoryService, PowerItemsService, TenantsService, ChangeLog],
})
export class PowerListModule {}
