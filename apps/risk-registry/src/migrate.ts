import 'reflect-metadata';
import { runMigrations } from '@qinglian/runtime';
import { riskRegistryService } from './service';

runMigrations(riskRegistryService);
