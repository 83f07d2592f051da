import 'reflect-metadata';
import { runMigrations } from '@qinglian/runtime';
import { accountabilityService } from './service';

runMigrations(accountabilityService);
