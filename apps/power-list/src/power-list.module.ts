import { Module } from '@nestjs/common';
import { ChangeLog } from '@qinglian/runtime';
import { DirectoryController } from './directory/directory.controller';
import { DirectoryService } from './directory/directory.service';
import { PeopleService } from './directory/people.service';
import { VersionedDocuments } from './documents/versioned-documents';
import { ExchangeController } from './exchange/exchange.controller';
import { ExchangeService } from './exchange/exchange.service';
import { PowerItemsController } from './power-items/power-items.controller';
import { PowerItemsService } from './power-items/power-items.service';
import { PublicationsController } from './publications/publications.controller';
import { PublicationsService } from './publications/publications.service';
import { ResponsibilityListsController } from './responsibility-lists/responsibility-lists.controller';
import { ResponsibilityListsService } from './responsibility-lists/responsibility-lists.service';
import { TenantsController, TenantsService } from './tenants/tenants.controller';

@Module({
  controllers: [DirectoryController, PowerItemsController, ResponsibilityListsController, PublicationsController, ExchangeController, TenantsController],
  providers: [
    DirectoryService,
    PeopleService,
    VersionedDocuments,
    PowerItemsService,
    ResponsibilityListsService,
    PublicationsService,
    ExchangeService,
    TenantsService,
    ChangeLog,
  ],
})
export class PowerListModule {}
