import 'reflect-metadata';
import { runService } from '@qinglian/runtime';
import { powerListService } from './service';

runService(powerListService);
