import 'reflect-metadata';
import { runService } from '@qinglian/runtime';
import { assessmentService } from './service';

runService(assessmentService);
