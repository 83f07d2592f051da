import 'reflect-metadata';
import { runService } from '@qinglian/runtime';
import { riskRegistryService } from './service';

runService(riskRegistryService);
