import 'reflect-metadata';
import { runMigrations } from '@qinglian/runtime';
import { powerListService } from './service';

runMigrations(powerListService);
