import 'reflect-metadata';
import { runService } from '@qinglian/runtime';
import { accountabilityService } from './service';

runService(accountabilityService);
