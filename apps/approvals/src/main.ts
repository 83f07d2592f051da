import 'reflect-metadata';
import { runService } from '@qinglian/runtime';
import { approvalsService } from './service';

runService(approvalsService);
