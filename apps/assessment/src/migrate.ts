import 'reflect-metadata';
import { runMigrations } from '@qinglian/runtime';
import { assessmentService } from './service';

runMigrations(assessmentService);
