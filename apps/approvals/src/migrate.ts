import 'reflect-metadata';
import { runMigrations } from '@qinglian/runtime';
import { approvalsService } from './service';

runMigrations(approvalsService);
